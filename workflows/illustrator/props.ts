import type { Outline } from "./figures";
import { between, type Random } from "./random";

/**
 * Things a page's words can ask for, each drawn with its base at the origin.
 * `place` says where a thing goes in a scene: on the ground beside the hero,
 * in the hero's hands, in the sky, big behind everyone, or across the page.
 */
export type PropPlace = "ground" | "held" | "sky" | "backdrop" | "overlay";

export interface PropContext {
  outline: Outline;
  random: Random;
  /** Underwater and space swap some things for ones that belong there. */
  world: "land" | "water" | "space";
  night: boolean;
  /** Indoors a fire sits in a fireplace. */
  indoors: boolean;
}

export interface PropDef {
  place: PropPlace;
  /** Natural height beside a 240-unit hero. */
  height: number;
  draw: (ctx: PropContext) => string;
}

const INK = "#2b1d16";
const PARTY = ["#e04b4b", "#f5c542", "#4b7fd6", "#4fa868", "#ef8fb5", "#8c62c9"];

function star(x: number, y: number, r: number, fill: string, extra = "") {
  const pts = Array.from({ length: 10 }, (_, i) => {
    const a = (Math.PI / 5) * i - Math.PI / 2;
    const rr = i % 2 ? r * 0.45 : r;
    return `${Math.round((x + Math.cos(a) * rr) * 10) / 10} ${Math.round((y + Math.sin(a) * rr) * 10) / 10}`;
  });
  return `<path d="M${pts.join(" L")} Z" fill="${fill}"${extra}/>`;
}

export function sparkle(x: number, y: number, r: number, fill = "#fff6c4") {
  return `<path d="M${x} ${y - r} Q${x + r * 0.15} ${y - r * 0.15} ${x + r} ${y} Q${x + r * 0.15} ${y + r * 0.15} ${x} ${y + r} Q${x - r * 0.15} ${y + r * 0.15} ${x - r} ${y} Q${x - r * 0.15} ${y - r * 0.15} ${x} ${y - r} Z" fill="${fill}"/>`;
}

export const PROPS: Record<string, PropDef> = {
  train: {
    place: "ground",
    height: 190,
    draw: ({ outline: o }) => `<path d="M-230 0 H240" stroke="#7a5134" stroke-width="8"/>${[-220, -170, -120, -70, -20, 30, 80, 130, 180, 230].map((x) => `<rect x="${x - 4}" y="-2" width="8" height="10" fill="#7a5134"/>`).join("")}
<rect x="-230" y="-100" width="110" height="78" rx="10" fill="#4b7fd6"${o}/><rect x="-216" y="-86" width="34" height="30" rx="6" fill="#dff3ff"/><rect x="-170" y="-86" width="34" height="30" rx="6" fill="#dff3ff"/>
<rect x="-110" y="-84" width="150" height="62" rx="10" fill="#e04b4b"${o}/><rect x="-16" y="-150" width="70" height="128" rx="8" fill="#e04b4b"${o}/><rect x="-6" y="-138" width="48" height="38" rx="6" fill="#dff3ff"/>
<rect x="-26" y="-160" width="90" height="16" rx="6" fill="${INK}"/><rect x="-96" y="-128" width="26" height="44" fill="${INK}"/><rect x="-104" y="-136" width="42" height="12" rx="4" fill="${INK}"/><path d="M40 -40 L84 -10 H40 Z" fill="#f5c542"${o}/>
${[[-204, 16], [-146, 16], [-80, 22], [-30, 22], [20, 22]].map(([x, r]) => `<circle cx="${x}" cy="-18" r="${r}" fill="${INK}"/><circle cx="${x}" cy="-18" r="${r! / 2.6}" fill="#c9ccd1"/>`).join("")}
<g fill="#fff" opacity="0.85"><circle cx="-82" cy="-160" r="16"/><circle cx="-100" cy="-194" r="22"/><circle cx="-130" cy="-230" r="28"/></g>`,
  },
  rocket: {
    place: "ground",
    height: 300,
    draw: ({ outline: o }) => `<path d="M0 -300 Q70 -220 60 -60 H-60 Q-70 -220 0 -300 Z" fill="#f7f4ee"${o}/><path d="M0 -300 Q40 -260 52 -220 H-52 Q-40 -260 0 -300 Z" fill="#e04b4b"${o}/>
<circle cx="0" cy="-160" r="28" fill="#7cc4ff" stroke="#9fb3c8" stroke-width="8"/><circle cx="-8" cy="-168" r="8" fill="#fff" opacity="0.7"/>
<path d="M-58 -120 L-106 -20 L-60 -50 Z M58 -120 L106 -20 L60 -50 Z" fill="#e04b4b"${o}/><rect x="-34" y="-64" width="68" height="26" rx="6" fill="#9fb3c8"${o}/>
<path d="M-26 -38 Q0 40 26 -38 Z" fill="#f5a742"/><path d="M-14 -38 Q0 10 14 -38 Z" fill="#ffe48a"/>`,
  },
  boat: {
    place: "ground",
    height: 250,
    draw: ({ outline: o }) => `<path d="M-150 -60 H150 L110 0 H-110 Z" fill="#c0692f"${o}/><path d="M-150 -60 H150" stroke="#f7f4ee" stroke-width="8"/><circle cx="-60" cy="-34" r="10" fill="#f7f4ee"/><circle cx="0" cy="-34" r="10" fill="#f7f4ee"/><circle cx="60" cy="-34" r="10" fill="#f7f4ee"/>
<rect x="-6" y="-250" width="12" height="192" fill="#7a5134"/><path d="M10 -240 Q110 -150 120 -74 H10 Z" fill="#f7f4ee"${o}/><path d="M-10 -220 Q-80 -140 -100 -74 H-10 Z" fill="#f5c542"${o}/><path d="M6 -250 L50 -238 L6 -226 Z" fill="#e04b4b"/>`,
  },
  treasure: {
    place: "ground",
    height: 120,
    draw: ({ outline: o }) => `<rect x="-70" y="-70" width="140" height="70" rx="8" fill="#a0612f"${o}/><path d="M-70 -70 Q0 -130 70 -70 Z" fill="#c07a3a"${o}/><path d="M-70 -40 H70" stroke="#7a4a2a" stroke-width="6"/>
<rect x="-12" y="-76" width="24" height="28" rx="4" fill="#f5c542"${o}/>${[[-40, -96], [-18, -104], [8, -106], [32, -98], [-28, -116], [20, -120]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="11" fill="#f5c542" stroke="#d9a420" stroke-width="3"/>`).join("")}
${sparkle(-60, -130, 14)}${sparkle(64, -124, 11)}${sparkle(0, -150, 16)}`,
  },
  tunnel: {
    place: "backdrop",
    height: 360,
    draw: ({ outline: o }) => `<path d="M-260 0 Q-270 -300 -60 -360 Q180 -380 260 -200 Q290 -90 280 0 Z" fill="#8a7f74"${o}/><path d="M-200 -180 Q-150 -250 -90 -240 M120 -300 Q170 -280 190 -230 M-230 -60 Q-200 -80 -170 -70" stroke="#6f655c" stroke-width="8" fill="none" stroke-linecap="round"/>
<path d="M-120 0 V-150 Q-120 -250 0 -252 Q120 -250 120 -150 V0 Z" fill="#231c2a"/><path d="M-90 0 V-140 Q-90 -210 0 -212 Q90 -210 90 -140 V0 Z" fill="#120e18"/>
<circle cx="-20" cy="-120" r="6" fill="#ffe48a"/><circle cx="16" cy="-120" r="6" fill="#ffe48a"/>`,
  },
  bridge: {
    place: "backdrop",
    height: 170,
    draw: ({ outline: o }) => `<path d="M-320 0 Q0 -50 320 0 L320 40 H-320 Z" fill="#4d9de0" opacity="0.85"/><path d="M-260 6 q20 -8 40 0 M60 -4 q20 -8 40 0 M180 6 q20 -8 40 0" stroke="#e6f6ff" stroke-width="5" fill="none"/>
<path d="M-230 -10 Q0 -170 230 -10" stroke="#a0612f" stroke-width="26" fill="none"${o}/><path d="M-230 -70 Q0 -230 230 -70" stroke="#7a4a2a" stroke-width="8" fill="none"/>
${[-180, -120, -60, 0, 60, 120, 180].map((x) => `<path d="M${x} ${-10 - 160 * (1 - (x / 230) ** 2) * 0.5} v-58" stroke="#7a4a2a" stroke-width="8"/>`).join("")}`,
  },
  brokenBridge: {
    place: "backdrop",
    height: 130,
    draw: ({ outline: o }) => `<path d="M-320 0 Q0 -50 320 0 L320 40 H-320 Z" fill="#4d9de0" opacity="0.85"/>
<rect x="-120" y="-30" width="120" height="20" rx="4" fill="#a0612f" transform="rotate(-24 -60 -20)"${o}/><rect x="20" y="-24" width="110" height="20" rx="4" fill="#a0612f" transform="rotate(30 70 -14)"${o}/>
<g fill="#cfeeff"><path d="M-10 -10 q-20 -60 -40 -20 q10 -50 30 -60 q10 40 10 80 Z"/><path d="M10 -10 q20 -70 46 -30 q-10 -46 -36 -58 q-12 40 -10 88 Z"/></g><circle cx="-50" cy="-90" r="8" fill="#cfeeff"/><circle cx="60" cy="-96" r="7" fill="#cfeeff"/>`,
  },
  ropeBridge: {
    place: "backdrop",
    height: 240,
    draw: () => `<path d="M-330 -200 Q0 -60 330 -200" stroke="#7a5134" stroke-width="6" fill="none"/><path d="M-330 -130 Q0 10 330 -130" stroke="#7a5134" stroke-width="6" fill="none"/>
${Array.from({ length: 21 }, (_, i) => { const x = -300 + i * 30; const y = -130 + 140 * (1 - (x / 330) ** 2) * 0.98; return `<rect x="${x - 11}" y="${Math.round(y - 4)}" width="22" height="10" fill="#b07a4f"/><path d="M${x} ${Math.round(y)} V${Math.round(y - 70)}" stroke="#a07050" stroke-width="3"/>`; }).join("")}`,
  },
  bunting: {
    place: "overlay",
    height: 0,
    draw: ({ world }) => {
      // Underwater a party hangs strings of pearls and shells instead of flags.
      if (world === "water") {
        return [0, 1].map((row) => `<path d="M-20 ${150 + row * 60} Q512 ${300 + row * 60} 1044 ${150 + row * 60}" stroke="#f7e6d0" stroke-width="3" fill="none" opacity="0.7"/>${Array.from({ length: 18 }, (_, i) => { const x = i * 60 + 10; const y = 150 + row * 60 + Math.sin((x / 1024) * Math.PI) * 150; return `<circle cx="${x}" cy="${Math.round(y)}" r="${i % 3 ? 8 : 12}" fill="${i % 3 ? "#fdf6ee" : "#f7b6c8"}"/>`; }).join("")}`).join("");
      }
      return [0, 1].map((row) => `<path d="M-20 ${100 + row * 70} Q512 ${260 + row * 60} 1044 ${100 + row * 70}" stroke="#7a5134" stroke-width="4" fill="none"/>${Array.from({ length: 13 }, (_, i) => {
        const x = -10 + i * 86 + row * 40;
        const y = 100 + row * 70 + Math.sin((x / 1024) * Math.PI) * (160 - row * 10) - 2;
        return `<path d="M${x - 26} ${Math.round(y)} L${x + 26} ${Math.round(y + 2)} L${x} ${Math.round(y + 54)} Z" fill="${PARTY[(i + row * 2) % PARTY.length]}"/>`;
      }).join("")}`).join("");
    },
  },
  balloons: {
    place: "ground",
    height: 330,
    draw: ({ outline: o, world }) =>
      world === "water"
        ? ""
        : [[-50, -300, 0], [10, -330, 1], [60, -290, 2], [-10, -260, 3], [40, -250, 4]]
            .map(([x, y, c]) => `<path d="M0 -20 Q${x! / 2} ${(y! - 20) / 2} ${x} ${y! + 40}" stroke="#7a5134" stroke-width="2" fill="none"/><ellipse cx="${x}" cy="${y}" rx="34" ry="42" fill="${PARTY[c!]}"${o}/><ellipse cx="${x! - 12}" cy="${y! - 14}" rx="8" ry="12" fill="#fff" opacity="0.45"/><path d="M${x! - 6} ${y! + 44} h12 l-6 -6 Z" fill="${PARTY[c!]}"/>`)
            .join("") + `<circle cx="0" cy="-16" r="6" fill="#7a5134"/>`,
  },
  cake: {
    place: "ground",
    height: 170,
    draw: ({ outline: o }) => `<rect x="-90" y="-60" width="180" height="28" rx="10" fill="#f7f4ee"${o}/><rect x="-70" y="-120" width="140" height="64" rx="10" fill="#f7c5d6"${o}/><path d="M-70 -108 Q-52 -86 -35 -108 T0 -108 T35 -108 T70 -108" fill="#fff" stroke="#fff" stroke-width="6"/>
<rect x="-48" y="-170" width="96" height="54" rx="10" fill="#fbe3a0"${o}/><path d="M-48 -160 Q-32 -144 -16 -160 T16 -160 T48 -160" fill="none" stroke="#fff" stroke-width="6"/>
${[-24, 0, 24].map((x, i) => `<rect x="${x - 4}" y="-200" width="8" height="32" rx="3" fill="${PARTY[i + 2]}"/><path d="M${x} -214 q8 10 0 16 q-8 -6 0 -16" fill="#ffb347"/>`).join("")}<circle cx="-40" cy="-84" r="7" fill="#e04b4b"/><circle cx="10" cy="-80" r="7" fill="#e04b4b"/><circle cx="48" cy="-88" r="7" fill="#e04b4b"/>`,
  },
  kite: {
    place: "sky",
    height: 360,
    draw: ({ outline: o, world }) =>
      world === "water"
        ? ""
        : `<path d="M0 -360 L60 -280 L0 -170 L-60 -280 Z" fill="#ef8fb5"${o}/><path d="M0 -360 V-170 M-60 -280 H60" stroke="#fff" stroke-width="4"/><path d="M0 -170 Q-30 -120 10 -80 Q40 -40 0 0" stroke="#7a5134" stroke-width="3" fill="none"/>
${[[-14, -140], [10, -100], [-6, -60]].map(([x, y], i) => `<path d="M${x} ${y} l-12 -8 v16 Z M${x} ${y} l12 -8 v16 Z" fill="${PARTY[i]}"/>`).join("")}`,
  },
  lantern: {
    place: "held",
    height: 90,
    draw: ({ outline: o }) => `<circle cx="0" cy="-40" r="70" fill="#ffe48a" opacity="0.28"/><circle cx="0" cy="-40" r="40" fill="#fff3b0" opacity="0.4"/><path d="M-14 -84 Q0 -104 14 -84" stroke="${INK}" stroke-width="4" fill="none"/>
<rect x="-24" y="-84" width="48" height="10" rx="3" fill="#7a5134"/><rect x="-20" y="-74" width="40" height="56" rx="10" fill="#ffd34d"${o}/><path d="M-6 -60 q6 -14 12 0 q0 14 -6 16 q-6 -2 -6 -16" fill="#f08a3c"/><rect x="-24" y="-18" width="48" height="10" rx="3" fill="#7a5134"/>`,
  },
  torch: {
    place: "held",
    height: 60,
    draw: ({ outline: o }) => `<path d="M30 -30 L420 -170 L420 110 Z" fill="#fff6c4" opacity="0.35"/><rect x="-36" y="-42" width="60" height="26" rx="8" fill="#4b7fd6"${o}/><path d="M24 -46 L40 -52 V-6 L24 -12 Z" fill="#c9ccd1"${o}/>`,
  },
  map: {
    place: "held",
    height: 110,
    draw: ({ outline: o }) => `<path d="M-80 -100 L-26 -88 L26 -100 L80 -88 V0 L26 -12 L-26 0 L-80 -12 Z" fill="#fbeec8"${o}/><path d="M-26 -88 V0 M26 -100 V-12" stroke="#e0cfa0" stroke-width="3"/>
<path d="M-64 -24 Q-40 -70 -6 -50 Q20 -30 46 -70" stroke="#c0452b" stroke-width="4" stroke-dasharray="8 7" fill="none"/><path d="M40 -78 l14 14 M54 -78 l-14 14" stroke="#c0452b" stroke-width="6" stroke-linecap="round"/>
<path d="M-66 -80 q10 -10 20 0 q-10 14 -20 0" fill="#6dbb6a"/><circle cx="-10" cy="-26" r="8" fill="#4d9de0"/>`,
  },
  note: {
    place: "sky",
    height: 300,
    draw: ({ outline: o }) => `<g transform="translate(0 -250) rotate(-14)"><rect x="-58" y="-40" width="116" height="80" rx="6" fill="#fff8e6"${o}/><path d="M-58 -40 L0 6 L58 -40" stroke="#d9c6a0" stroke-width="4" fill="none"/><circle cx="0" cy="10" r="12" fill="#e04b4b"/></g>
<path d="M-90 -190 q20 -10 40 0 M-110 -240 q20 -10 40 0" stroke="#fff" stroke-width="5" fill="none" opacity="0.8" stroke-linecap="round"/>${sparkle(80, -300, 16)}${sparkle(-70, -320, 12)}`,
  },
  stars: {
    place: "overlay",
    height: 0,
    draw: ({ random }) => Array.from({ length: 7 }, (_, i) => star(Math.round(80 + i * 140 + between(random, -30, 30)), Math.round(between(random, 70, 300)), Math.round(between(random, 14, 26)), "#ffe48a")).join(""),
  },
  sparkles: {
    place: "overlay",
    height: 0,
    draw: ({ random }) => Array.from({ length: 14 }, () => sparkle(Math.round(between(random, 40, 984)), Math.round(between(random, 120, 760)), Math.round(between(random, 7, 16)), "#fffbe0")).join(""),
  },
  moon: {
    place: "sky",
    height: 0,
    draw: ({ world }) => (world === "water" ? "" : `<circle cx="0" cy="0" r="64" fill="#fff4c4"/><circle cx="-18" cy="-12" r="12" fill="#efe2a8"/><circle cx="16" cy="18" r="9" fill="#efe2a8"/><circle cx="0" cy="0" r="96" fill="#fff4c4" opacity="0.18"/>`),
  },
  planet: {
    place: "sky",
    height: 0,
    draw: ({ outline: o }) => `<circle cx="0" cy="0" r="70" fill="#f08a3c"${o}/><path d="M-60 -30 Q0 -10 64 -34 M-68 10 Q0 30 66 8" stroke="#f5c542" stroke-width="10" fill="none"/><ellipse cx="0" cy="0" rx="120" ry="26" fill="none" stroke="#e6d2ff" stroke-width="10" transform="rotate(-14)"/>`,
  },
  rainbow: {
    place: "sky",
    height: 0,
    draw: () => ["#e04b4b", "#f08a3c", "#f5c542", "#4fa868", "#4b7fd6", "#8c62c9"].map((c, i) => `<path d="M${-300 + i * 20} 0 A${300 - i * 20} ${300 - i * 20} 0 0 1 ${300 - i * 20} 0" stroke="${c}" stroke-width="20" fill="none" opacity="0.85"/>`).join(""),
  },
  campfire: {
    place: "ground",
    height: 130,
    draw: ({ outline: o, indoors }) => {
      const flames = `<path d="M-36 -16 Q-50 -70 -10 -110 Q-16 -70 6 -60 Q10 -100 30 -130 Q56 -70 36 -16 Z" fill="#f08a3c"/><path d="M-18 -16 Q-24 -50 0 -76 Q4 -50 18 -44 Q26 -30 18 -16 Z" fill="#ffd34d"/>`;
      if (indoors) {
        return `<rect x="-130" y="-230" width="260" height="230" fill="#b5654a"${o}/><rect x="-150" y="-250" width="300" height="26" rx="6" fill="#8a5a3a"${o}/>${[0, 1, 2, 3].map((r) => `<path d="M-130 ${-200 + r * 50} H130" stroke="#9a4f3a" stroke-width="4"/>`).join("")}<path d="M-80 0 V-110 Q-80 -160 0 -160 Q80 -160 80 -110 V0 Z" fill="#2b1d16"/><circle cx="0" cy="-60" r="90" fill="#ffb347" opacity="0.2"/>${flames}<rect x="-50" y="-14" width="100" height="14" rx="7" fill="#7a4a2a"/>`;
      }
      return `<circle cx="0" cy="-50" r="110" fill="#ffb347" opacity="0.18"/><rect x="-60" y="-20" width="120" height="18" rx="9" fill="#7a4a2a" transform="rotate(12)"${o}/><rect x="-60" y="-20" width="120" height="18" rx="9" fill="#8a5a3a" transform="rotate(-12)"${o}/>
${flames}${sparkle(40, -150, 6, "#ffd34d")}${sparkle(-30, -160, 5, "#ffd34d")}`;
    },
  },
  key: {
    place: "held",
    height: 70,
    draw: () => `<circle cx="0" cy="-40" r="44" fill="#fff3b0" opacity="0.35"/><g transform="rotate(-30 0 -40)"><circle cx="-22" cy="-40" r="16" fill="none" stroke="#e0b030" stroke-width="9"/><path d="M-6 -40 H40 M26 -40 V-26 M38 -40 V-28" stroke="#e0b030" stroke-width="9" stroke-linecap="round"/></g>${sparkle(30, -80, 10)}`,
  },
  cocoa: {
    place: "held",
    height: 70,
    draw: ({ outline: o }) => `<path d="M-6 -66 q-10 -14 0 -26 M8 -66 q-10 -14 0 -26" stroke="#fff" stroke-width="4" fill="none" opacity="0.8" stroke-linecap="round"/><rect x="-24" y="-56" width="48" height="46" rx="8" fill="#e04b4b"${o}/><path d="M24 -46 q18 0 18 14 q0 14 -18 14" stroke="#e04b4b" stroke-width="7" fill="none"/><ellipse cx="0" cy="-54" rx="20" ry="5" fill="#7a4a2a"/><circle cx="-6" cy="-34" r="5" fill="#fff" opacity="0.8"/>`,
  },
  buns: {
    place: "ground",
    height: 80,
    draw: ({ outline: o }) => `<path d="M-70 -40 Q0 10 70 -40 L60 0 H-60 Z" fill="#c48a5a"${o}/><path d="M-66 -38 Q0 0 66 -38" stroke="#8a5a3a" stroke-width="4" fill="none"/>${[[-34, -50], [0, -58], [34, -50]].map(([x, y]) => `<ellipse cx="${x}" cy="${y}" rx="26" ry="18" fill="#e2a55e"${o}/><path d="M${x! - 10} ${y! - 6} q10 -8 20 0" stroke="#fff" stroke-width="4" fill="none"/>`).join("")}`,
  },
  signpost: {
    place: "ground",
    height: 230,
    draw: ({ outline: o }) => `<rect x="-9" y="-230" width="18" height="230" rx="4" fill="#8a5a3a"${o}/><path d="M-10 -214 H90 L116 -192 L90 -170 H-10 Z" fill="#c98f5a"${o}/><path d="M10 -150 H-90 L-116 -128 L-90 -106 H10 Z" fill="#b07a4f"${o}/>
<path d="M10 -198 H80 M10 -186 H60 M-20 -134 H-90 M-30 -122 H-80" stroke="#7a4a2a" stroke-width="4"/>`,
  },
  rock: {
    place: "ground",
    height: 110,
    draw: ({ outline: o }) => `<path d="M-110 0 Q-120 -70 -60 -100 Q0 -120 60 -94 Q120 -60 110 0 Z" fill="#a8a29e"${o}/><path d="M-60 -70 Q-30 -90 0 -84" stroke="#c9c4bd" stroke-width="8" fill="none" stroke-linecap="round"/>`,
  },
  door: {
    place: "backdrop",
    height: 300,
    draw: ({ outline: o }) => `<path d="M-300 0 Q-240 -300 0 -300 Q240 -300 300 0 Z" fill="#74b86b"${o}/><path d="M-70 0 V-130 Q-70 -200 0 -200 Q70 -200 70 -130 V0 Z" fill="#231c2a"/>
<path d="M-70 0 V-130 Q-70 -200 0 -200 L-30 -190 Q-110 -170 -110 -100 V10 Z" fill="#c0692f"${o}/><path d="M-96 -120 V-10 M-80 -150 V-10" stroke="#8a4a2a" stroke-width="4"/><circle cx="-60" cy="-90" r="7" fill="#f5c542"/>${sparkle(20, -120, 14, "#ffe48a")}`,
  },
  bottle: {
    place: "ground",
    height: 80,
    draw: ({ outline: o }) => `<path d="M-90 0 q30 -12 60 0 q30 12 60 0 q30 -12 60 0" stroke="#4d9de0" stroke-width="10" fill="none"/><g transform="rotate(-24)"><rect x="-50" y="-60" width="90" height="46" rx="20" fill="#bfe9d8" opacity="0.85"${o}/><rect x="40" y="-48" width="24" height="22" rx="4" fill="#bfe9d8"${o}/><rect x="60" y="-48" width="12" height="22" rx="3" fill="#a0612f"/><rect x="-30" y="-50" width="50" height="26" rx="4" fill="#fbeec8"/></g>`,
  },
  books: {
    place: "ground",
    height: 110,
    draw: ({ outline: o }) => `${[["#e04b4b", -70, 0], ["#4b7fd6", -60, -28], ["#f5c542", -74, -56], ["#4fa868", -62, -84]].map(([c, x, y]) => `<rect x="${x}" y="${Number(y) - 26}" width="130" height="26" rx="4" fill="${c}"${o}/><rect x="${Number(x) + 118}" y="${Number(y) - 22}" width="8" height="18" fill="#fff"/>`).join("")}`,
  },
  ball: {
    place: "ground",
    height: 70,
    draw: ({ outline: o }) => `<circle cx="0" cy="-34" r="34" fill="#fff"${o}/><path d="M0 -46 l11 8 -4 13 h-14 l-4 -13 Z" fill="${INK}"/><path d="M0 -68 V-46 M11 -38 L32 -44 M7 -25 L20 -6 M-7 -25 L-20 -6 M-11 -38 L-32 -44" stroke="${INK}" stroke-width="3"/>`,
  },
  car: {
    place: "ground",
    height: 120,
    draw: ({ outline: o }) => `<path d="M-120 -30 Q-120 -64 -80 -66 L-50 -110 H50 L84 -66 Q120 -62 120 -30 V-14 H-120 Z" fill="#e04b4b"${o}/><path d="M-40 -100 H-4 V-68 H-64 Z M8 -100 H44 L66 -68 H8 Z" fill="#dff3ff"/>
<circle cx="-70" cy="-14" r="24" fill="${INK}"/><circle cx="-70" cy="-14" r="10" fill="#c9ccd1"/><circle cx="70" cy="-14" r="24" fill="${INK}"/><circle cx="70" cy="-14" r="10" fill="#c9ccd1"/><circle cx="112" cy="-44" r="8" fill="#ffe48a"/>`,
  },
  bus: {
    place: "ground",
    height: 150,
    draw: ({ outline: o }) => `<rect x="-150" y="-150" width="300" height="130" rx="18" fill="#e04b4b"${o}/><rect x="-150" y="-70" width="300" height="12" fill="#f5c542"/>${[-124, -70, -16, 38].map((x) => `<rect x="${x}" y="-134" width="44" height="44" rx="6" fill="#dff3ff"/>`).join("")}<rect x="96" y="-134" width="40" height="100" rx="6" fill="#dff3ff"${o}/>
<circle cx="-90" cy="-18" r="24" fill="${INK}"/><circle cx="-90" cy="-18" r="10" fill="#c9ccd1"/><circle cx="90" cy="-18" r="24" fill="${INK}"/><circle cx="90" cy="-18" r="10" fill="#c9ccd1"/><circle cx="140" cy="-40" r="8" fill="#ffe48a"/>`,
  },
  plane: {
    place: "sky",
    height: 0,
    draw: ({ outline: o }) => `<path d="M-110 0 Q-110 -26 -70 -26 H80 Q120 -20 120 0 Q110 16 80 16 H-70 Q-110 16 -110 0 Z" fill="#f7f4ee"${o}/><path d="M-20 -6 L-70 -80 H-40 L30 -6 Z M-90 -20 L-110 -60 H-90 L-60 -20 Z" fill="#4b7fd6"${o}/>
${[-40, -10, 20, 50].map((x) => `<circle cx="${x}" cy="-6" r="7" fill="#7cc4ff"/>`).join("")}<path d="M-20 10 L-40 50 H-14 L10 10 Z" fill="#4b7fd6"/>`,
  },
  castle: {
    place: "backdrop",
    height: 420,
    draw: ({ outline: o }) => `<rect x="-140" y="-260" width="280" height="260" fill="#d9cfe8"${o}/><rect x="-200" y="-360" width="90" height="360" fill="#cfc3e2"${o}/><rect x="110" y="-360" width="90" height="360" fill="#cfc3e2"${o}/>
${[-140, -100, -60, -20, 20, 60, 100].map((x) => `<rect x="${x}" y="-284" width="26" height="26" fill="#d9cfe8"/>`).join("")}<path d="M-212 -360 L-155 -440 L-98 -360 Z M98 -360 L155 -440 L212 -360 Z" fill="#e04b4b"${o}/>
<path d="M-155 -440 V-490 L-110 -476 L-155 -462 M155 -440 V-490 L200 -476 L155 -462" stroke="${INK}" stroke-width="4" fill="#f5c542"/><path d="M-44 0 V-100 Q0 -150 44 -100 V0 Z" fill="#8a5a3a"${o}/>
<rect x="-170" y="-300" width="30" height="44" rx="14" fill="#4b5e8a"/><rect x="140" y="-300" width="30" height="44" rx="14" fill="#4b5e8a"/><rect x="-16" y="-220" width="32" height="46" rx="16" fill="#4b5e8a"/>`,
  },
  lighthouse: {
    place: "backdrop",
    height: 420,
    draw: ({ outline: o, night }) => `${night ? `<path d="M0 -360 L-520 -450 V-270 Z M0 -360 L520 -450 V-270 Z" fill="#fff6c4" opacity="0.3"/>` : ""}<path d="M-70 0 L-46 -320 H46 L70 0 Z" fill="#f7f4ee"${o}/><path d="M-64 -80 H64 L60 -140 H-60 Z M-56 -200 H56 L52 -260 H-52 Z" fill="#e04b4b"/>
<rect x="-40" y="-380" width="80" height="60" rx="6" fill="#ffe48a"${o}/><path d="M-50 -380 L0 -420 L50 -380 Z" fill="#e04b4b"${o}/><rect x="-60" y="-324" width="120" height="12" rx="4" fill="${INK}"/><path d="M-18 0 V-40 Q0 -58 18 -40 V0 Z" fill="#7a4a2a"/>`,
  },
  tree: {
    place: "ground",
    height: 330,
    draw: ({ outline: o }) => `<path d="M-22 0 Q-16 -120 -14 -170 H14 Q16 -120 22 0 Z" fill="#8a5a3a"${o}/><circle cx="-70" cy="-200" r="74" fill="#4fa868"${o}/><circle cx="70" cy="-210" r="70" fill="#4fa868"${o}/><circle cx="0" cy="-260" r="90" fill="#5cb874"${o}/>
<circle cx="-40" cy="-250" r="8" fill="#e04b4b"/><circle cx="50" cy="-200" r="8" fill="#e04b4b"/><circle cx="10" cy="-300" r="8" fill="#e04b4b"/>`,
  },
  flowers: {
    place: "ground",
    height: 70,
    draw: ({ random }) => Array.from({ length: 7 }, (_, i) => { const x = -120 + i * 40 + Math.round(between(random, -10, 10)); const h = Math.round(between(random, 30, 60)); const c = PARTY[i % PARTY.length]; return `<path d="M${x} 0 V${-h}" stroke="#3f8f4f" stroke-width="4"/><g transform="translate(${x} ${-h})">${[0, 72, 144, 216, 288].map((a) => `<circle cx="${Math.round(Math.cos((a * Math.PI) / 180) * 9)}" cy="${Math.round(Math.sin((a * Math.PI) / 180) * 9)}" r="8" fill="${c}"/>`).join("")}<circle r="6" fill="#f5c542"/></g>`; }).join(""),
  },
  mushrooms: {
    place: "ground",
    height: 70,
    draw: ({ outline: o }) => [[-30, 1], [20, 0.7], [52, 0.5]].map(([x, s]) => `<g transform="translate(${x} 0) scale(${s})"><rect x="-12" y="-50" width="24" height="50" rx="8" fill="#f7f4ee"${o}/><path d="M-46 -46 Q0 -110 46 -46 Z" fill="#e04b4b"${o}/><circle cx="-16" cy="-66" r="7" fill="#fff"/><circle cx="14" cy="-74" r="6" fill="#fff"/></g>`).join(""),
  },
  house: {
    place: "backdrop",
    height: 330,
    draw: ({ outline: o, night }) => `<rect x="-150" y="-200" width="300" height="200" fill="#f3d9b1"${o}/><path d="M-180 -190 L0 -330 L180 -190 Z" fill="#c0452b"${o}/><rect x="80" y="-320" width="36" height="80" fill="#8a5a3a"${o}/>
<path d="M-36 0 V-110 Q0 -140 36 -110 V0 Z" fill="#4b7fd6"${o}/><circle cx="24" cy="-56" r="5" fill="#f5c542"/>${[-100, 60].map((x) => `<rect x="${x}" y="-160" width="50" height="50" rx="4" fill="${night ? "#ffe48a" : "#dff3ff"}"${o}/><path d="M${x + 25} -160 V-110 M${x} -135 H${x + 50}" stroke="#fff" stroke-width="4"/>`).join("")}`,
  },
  tent: {
    place: "ground",
    height: 170,
    draw: ({ outline: o }) => `<path d="M-130 0 L0 -170 L130 0 Z" fill="#f08a3c"${o}/><path d="M0 -170 L-40 0 H40 Z" fill="#c0692f"/><path d="M0 -170 L20 0" stroke="#ffe48a" stroke-width="4"/><path d="M0 -170 V-200 L30 -190 L0 -180" fill="#e04b4b" stroke="${INK}" stroke-width="3"/>`,
  },
  backpack: {
    place: "ground",
    height: 90,
    draw: ({ outline: o }) => `<path d="M-20 -90 Q0 -110 20 -90" stroke="#7a4a2a" stroke-width="6" fill="none"/><rect x="-40" y="-90" width="80" height="90" rx="22" fill="#4fa868"${o}/><rect x="-28" y="-46" width="56" height="34" rx="10" fill="#3f8f4f"${o}/><path d="M-40 -60 Q0 -36 40 -60" stroke="#3f8f4f" stroke-width="5" fill="none"/>`,
  },
  present: {
    place: "ground",
    height: 100,
    draw: ({ outline: o }) => `<rect x="-50" y="-80" width="100" height="80" rx="6" fill="#8c62c9"${o}/><rect x="-58" y="-96" width="116" height="22" rx="5" fill="#a07ad9"${o}/><rect x="-9" y="-96" width="18" height="96" fill="#f5c542"/><path d="M0 -96 Q-40 -130 -30 -100 Z M0 -96 Q40 -130 30 -100 Z" fill="#f5c542"${o}/>`,
  },
  umbrella: {
    place: "held",
    height: 220,
    draw: ({ outline: o }) => `<path d="M0 0 V-200" stroke="${INK}" stroke-width="5"/><path d="M-110 -190 Q0 -300 110 -190 Q92 -206 74 -190 Q56 -206 38 -190 Q18 -206 0 -190 Q-18 -206 -38 -190 Q-56 -206 -74 -190 Q-92 -206 -110 -190 Z" fill="#e04b4b"${o}/>`,
  },
  crown: {
    place: "held",
    height: 60,
    draw: ({ outline: o }) => `<path d="M-40 0 V-50 L-20 -26 L0 -60 L20 -26 L40 -50 V0 Z" fill="#f5c542"${o}/><circle cx="0" cy="-20" r="7" fill="#e04b4b"/>`,
  },
  music: {
    place: "overlay",
    height: 0,
    draw: ({ random }) => Array.from({ length: 6 }, () => { const x = Math.round(between(random, 120, 900)); const y = Math.round(between(random, 160, 460)); return `<g fill="#8c62c9" stroke="#8c62c9" stroke-width="5"><ellipse cx="${x}" cy="${y}" rx="12" ry="9" stroke="none"/><path d="M${x + 10} ${y} V${y - 46} l20 8" fill="none"/></g>`; }).join(""),
  },
  confetti: {
    place: "overlay",
    height: 0,
    draw: ({ random }) => Array.from({ length: 60 }, (_, i) => `<rect x="${Math.round(between(random, 0, 1024))}" y="${Math.round(between(random, 60, 820))}" width="12" height="7" fill="${PARTY[i % PARTY.length]}" transform="rotate(${Math.round(between(random, 0, 180))} ${Math.round(between(random, 0, 1024))} ${Math.round(between(random, 60, 820))})"/>`).join(""),
  },
  dandelions: {
    place: "overlay",
    height: 0,
    draw: ({ random }) => Array.from({ length: 10 }, () => { const x = Math.round(between(random, 60, 960)); const y = Math.round(between(random, 150, 600)); return `<g stroke="#fff" stroke-width="2" opacity="0.9"><path d="M${x} ${y} v16"/>${[0, 60, 120, 180, 240, 300].map((a) => `<path d="M${x} ${y} l${Math.round(Math.cos((a * Math.PI) / 180) * 9)} ${Math.round(Math.sin((a * Math.PI) / 180) * 9)}"/>`).join("")}</g>`; }).join(""),
  },
  leaves: {
    place: "overlay",
    height: 0,
    draw: ({ random }) => Array.from({ length: 16 }, (_, i) => { const x = Math.round(between(random, 0, 1024)); const y = Math.round(between(random, 100, 800)); return `<ellipse cx="${x}" cy="${y}" rx="16" ry="7" fill="${["#f08a3c", "#e0b030", "#c0452b", "#6dbb6a"][i % 4]}" transform="rotate(${Math.round(between(random, 0, 180))} ${x} ${y})"/>`; }).join("") + `<path d="M60 300 q120 -40 240 0 t240 0 M400 520 q120 -40 240 0 t240 0" stroke="#fff" stroke-width="5" fill="none" opacity="0.6" stroke-linecap="round"/>`,
  },
  hat: {
    place: "sky",
    height: 0,
    draw: ({ outline: o }) => `<g transform="rotate(-20)"><ellipse cx="0" cy="0" rx="60" ry="14" fill="#4b5e8a"${o}/><path d="M-34 -4 V-60 H34 V-4 Z" fill="#4b5e8a"${o}/><rect x="-34" y="-22" width="68" height="12" fill="#e04b4b"/></g><path d="M-90 20 q20 -14 40 0 M70 -70 q20 -14 40 0" stroke="#fff" stroke-width="4" fill="none"/>`,
  },
  bubbles: {
    place: "overlay",
    height: 0,
    draw: ({ random }) => Array.from({ length: 14 }, () => `<circle cx="${Math.round(between(random, 40, 980))}" cy="${Math.round(between(random, 80, 800))}" r="${Math.round(between(random, 8, 22))}" fill="#ffffff22" stroke="#fff" stroke-width="3" opacity="0.75"/>`).join(""),
  },
  shell: {
    place: "ground",
    height: 50,
    draw: ({ outline: o }) => `<path d="M-36 0 Q-40 -50 0 -54 Q40 -50 36 0 Z" fill="#f7b6c8"${o}/>${[-24, -12, 0, 12, 24].map((x) => `<path d="M0 -2 L${x} -48" stroke="#e58fa8" stroke-width="3"/>`).join("")}`,
  },
  coral: {
    place: "ground",
    height: 150,
    draw: () => `<path d="M0 0 V-80 M0 -60 Q-40 -70 -44 -120 M0 -80 Q30 -100 36 -150 M-30 -100 Q-60 -110 -62 -140 M24 -120 Q50 -120 60 -140" stroke="#f27a7a" stroke-width="16" fill="none" stroke-linecap="round"/>`,
  },
  sandcastle: {
    place: "ground",
    height: 130,
    draw: ({ outline: o }) => `<rect x="-70" y="-60" width="140" height="60" fill="#e6c27a"${o}/><rect x="-50" y="-110" width="40" height="50" fill="#e6c27a"${o}/><rect x="10" y="-110" width="40" height="50" fill="#e6c27a"${o}/><path d="M-30 -110 V-136 L-10 -128 L-30 -120" fill="#e04b4b" stroke="#7a5134" stroke-width="3"/><path d="M-14 0 V-26 Q0 -40 14 -26 V0 Z" fill="#b89048"/>`,
  },
  snowman: {
    place: "ground",
    height: 200,
    draw: ({ outline: o }) => `<circle cx="0" cy="-56" r="56" fill="#fbfdff"${o}/><circle cx="0" cy="-140" r="40" fill="#fbfdff"${o}/><circle cx="-12" cy="-148" r="5" fill="${INK}"/><circle cx="12" cy="-148" r="5" fill="${INK}"/><path d="M0 -138 L30 -130 L0 -126 Z" fill="#f08a3c"/>
<path d="M-30 -106 Q0 -96 30 -106 L34 -90 Q0 -80 -34 -90 Z" fill="#e04b4b"/><path d="M-40 -186 H40 M-26 -186 V-220 H26 V-186" fill="#2f3542" stroke="#2f3542" stroke-width="8"/><circle cx="0" cy="-70" r="5" fill="${INK}"/><circle cx="0" cy="-46" r="5" fill="${INK}"/>`,
  },
  swing: {
    place: "backdrop",
    height: 280,
    draw: () => `<path d="M-120 0 L-80 -280 H80 L120 0" stroke="#4b7fd6" stroke-width="14" fill="none"/><path d="M-30 -280 V-90 M30 -280 V-90" stroke="#7a5134" stroke-width="4"/><rect x="-40" y="-96" width="80" height="14" rx="4" fill="#e04b4b"/>`,
  },
  bed: {
    place: "ground",
    height: 190,
    draw: ({ outline: o }) => `<rect x="-230" y="-190" width="30" height="190" rx="10" fill="#b07a4f"${o}/><rect x="200" y="-130" width="30" height="130" rx="10" fill="#b07a4f"${o}/><rect x="-210" y="-90" width="420" height="60" rx="12" fill="#f7f4ee"${o}/>`,
  },
  pram: {
    place: "ground",
    height: 170,
    draw: ({ outline: o }) => `<path d="M-80 -60 H80 Q80 -130 20 -150 L20 -60" fill="#9fd0f0"${o}/><path d="M-80 -60 Q-80 -10 0 -10 Q80 -10 80 -60 Z" fill="#bfe3ff"${o}/><path d="M-80 -60 L-120 -120" stroke="${INK}" stroke-width="6"/><circle cx="-50" cy="0" r="16" fill="${INK}"/><circle cx="50" cy="0" r="16" fill="${INK}"/>`,
  },
  stream: {
    place: "backdrop",
    height: 60,
    draw: ({ outline: o }) => `<path d="M-360 0 Q-120 -60 40 -20 T380 -10 L380 40 Q100 10 -40 40 T-360 50 Z" fill="#4d9de0" opacity="0.9"/><path d="M-250 10 q20 -8 40 0 M0 -10 q20 -8 40 0 M200 6 q20 -8 40 0" stroke="#e6f6ff" stroke-width="5" fill="none"/>
${[[-160, 20, 26], [-60, 0, 18], [120, 10, 22], [240, 24, 16]].map(([x, y, r]) => `<ellipse cx="${x}" cy="${y}" rx="${r}" ry="${r! * 0.6}" fill="#a8a29e"${o}/>`).join("")}`,
  },
  easel: {
    place: "ground",
    height: 200,
    draw: ({ outline: o }) => `<path d="M-50 0 L-10 -190 M50 0 L10 -190 M0 -60 V0" stroke="#a0612f" stroke-width="8"/><rect x="-64" y="-190" width="128" height="110" rx="4" fill="#fff"${o}/><circle cx="-24" cy="-150" r="18" fill="#f5c542"/><path d="M-56 -96 Q-20 -140 10 -110 Q34 -130 56 -100 V-86 H-56 Z" fill="#6dbb6a"/><path d="M14 -170 q16 -10 30 0" stroke="#4b7fd6" stroke-width="5" fill="none"/>
<g transform="translate(80 -6)"><ellipse cx="0" cy="0" rx="34" ry="14" fill="#e6c39c"${o}/>${PARTY.slice(0, 4).map((c, i) => `<circle cx="${-18 + i * 12}" cy="-2" r="5" fill="${c}"/>`).join("")}</g>`,
  },
  blocks: {
    place: "ground",
    height: 150,
    draw: ({ outline: o }) => `${[[-70, 0, 0], [-20, 0, 1], [30, 0, 2], [-45, -50, 3], [5, -50, 4], [-20, -100, 5]].map(([x, y, c]) => `<rect x="${x}" y="${y! - 50}" width="50" height="50" rx="6" fill="${PARTY[c!]}"${o}/><circle cx="${x! + 25}" cy="${y! - 25}" r="9" fill="#fff" opacity="0.5"/>`).join("")}`,
  },
  bike: {
    place: "ground",
    height: 110,
    draw: ({ outline: o }) => `<circle cx="-60" cy="-40" r="38" fill="none" stroke="${INK}" stroke-width="8"/><circle cx="60" cy="-40" r="38" fill="none" stroke="${INK}" stroke-width="8"/><path d="M-60 -40 L-14 -40 L20 -92 L-30 -92 Z M20 -92 L60 -40 M20 -92 L14 -110 H34" stroke="#e04b4b" stroke-width="8" fill="none" stroke-linejoin="round"/><path d="M-40 -100 H-14" stroke="${INK}" stroke-width="10" stroke-linecap="round"${o}/>`,
  },
  buttons: {
    place: "ground",
    height: 40,
    draw: ({ random }) => Array.from({ length: 7 }, (_, i) => { const x = Math.round(between(random, -110, 110)); const y = Math.round(between(random, -30, 0)); return `<circle cx="${x}" cy="${y}" r="12" fill="${PARTY[i % PARTY.length]}" stroke="#fff" stroke-width="2"/><circle cx="${x - 3}" cy="${y}" r="2" fill="#fff"/><circle cx="${x + 3}" cy="${y}" r="2" fill="#fff"/>`; }).join(""),
  },
  thought: {
    place: "sky",
    height: 0,
    draw: ({ outline: o }) => `<circle cx="-150" cy="170" r="10" fill="#fff"${o}/><circle cx="-120" cy="130" r="18" fill="#fff"${o}/><ellipse cx="0" cy="0" rx="150" ry="110" fill="#fff"${o}/>`,
  },
};
