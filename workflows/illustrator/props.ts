import type { Outline } from "./figures";

/** Little things the page's words ask for, placed around the hero. */
const PROPS: { words: RegExp; draw: (outline: Outline) => string }[] = [
  {
    words: /\btrains?\b|railway/,
    draw: (o) => `<g transform="translate(560 880)"><rect x="0" y="-70" width="120" height="60" rx="8" fill="#e04b4b"${o}/><rect x="80" y="-120" width="40" height="50" fill="#e04b4b"${o}/><rect x="10" y="-100" width="26" height="30" fill="#2b1d16"/>
<rect x="130" y="-60" width="90" height="50" rx="8" fill="#4b7fd6"${o}/><circle cx="30" cy="-6" r="16" fill="#2b1d16"/><circle cx="95" cy="-6" r="16" fill="#2b1d16"/><circle cx="160" cy="-6" r="14" fill="#2b1d16"/><circle cx="200" cy="-6" r="14" fill="#2b1d16"/>
<circle cx="100" cy="-150" r="16" fill="#fff" opacity="0.8"/><circle cx="124" cy="-176" r="12" fill="#fff" opacity="0.6"/></g>`,
  },
  {
    words: /rockets?|space/,
    draw: (o) => `<g transform="translate(820 520) rotate(18)"><path d="M0 -120 Q40 -60 30 40 H-30 Q-40 -60 0 -120 Z" fill="#f7f4ee"${o}/><circle cx="0" cy="-40" r="16" fill="#7cc4ff"${o}/>
<path d="M-30 20 L-56 60 L-28 40 Z M30 20 L56 60 L28 40 Z" fill="#e04b4b"/><path d="M-18 40 Q0 100 18 40 Z" fill="#f5a742"/></g>`,
  },
  {
    words: /dinosaurs?|dinos?\b/,
    draw: (o) => `<g transform="translate(800 880)"><ellipse cx="0" cy="-60" rx="80" ry="50" fill="#8cc063"${o}/><path d="M50 -80 Q90 -190 140 -180 Q150 -150 110 -150 Q90 -120 70 -70 Z" fill="#8cc063"${o}/>
<path d="M-70 -60 Q-140 -40 -160 -10 Q-110 -30 -60 -30 Z" fill="#8cc063"/><circle cx="126" cy="-168" r="5" fill="#2b1d16"/><rect x="-50" y="-20" width="24" height="30" fill="#8cc063"/><rect x="30" y="-20" width="24" height="30" fill="#8cc063"/>
<path d="M-40 -104 L-30 -122 L-18 -106 L-6 -124 L6 -108 L18 -126 L28 -108" fill="#f5c542"/></g>`,
  },
  {
    words: /treasure|chest/,
    draw: (o) => `<g transform="translate(700 900)"><rect x="-60" y="-70" width="120" height="70" rx="8" fill="#a0612f"${o}/><path d="M-60 -70 Q0 -120 60 -70 Z" fill="#c07a3a"${o}/><rect x="-10" y="-70" width="20" height="26" fill="#f5c542"/>
<circle cx="-30" cy="-84" r="8" fill="#f5c542"/><circle cx="26" cy="-86" r="7" fill="#f5c542"/></g>`,
  },
  {
    words: /tunnel|cave/,
    draw: (o) => `<g transform="translate(790 880)"><path d="M-170 0 V-160 Q0 -330 170 -160 V0 Z" fill="#8a7f74"${o}/><path d="M-110 0 V-130 Q0 -250 110 -130 V0 Z" fill="#2b2330"/></g>`,
  },
  {
    words: /bridge|stream/,
    draw: () => `<g transform="translate(760 930)"><path d="M-220 0 Q0 -40 220 0" stroke="#3d8fd1" stroke-width="40" fill="none" opacity="0.7"/><path d="M-200 -20 Q0 -120 200 -20" stroke="#a0612f" stroke-width="18" fill="none"/>
${[-150, -90, -30, 30, 90, 150].map((x) => `<rect x="${x - 6}" y="${-75 + Math.abs(x) * 0.3}" width="12" height="40" fill="#7a4a2a"/>`).join("")}</g>`,
  },
  {
    words: /party|celebrat|cheer|honour/,
    draw: () => `<path d="M0 120 Q512 240 1024 120" stroke="#7a5134" stroke-width="4" fill="none"/>${Array.from({ length: 11 }, (_, i) => {
      const x = 60 + i * 92;
      const y = 120 + Math.sin((i / 10) * Math.PI) * 110;
      return `<path d="M${x - 26} ${y} L${x + 26} ${y} L${x} ${y + 50} Z" fill="${["#e04b4b", "#f5c542", "#4b7fd6", "#4fa868", "#ef8fb5"][i % 5]}"/>`;
    }).join("")}`,
  },
  {
    words: /kite/,
    draw: (o) => `<g transform="translate(200 300) rotate(-15)"><path d="M0 -70 L50 0 L0 90 L-50 0 Z" fill="#ef8fb5"${o}/><path d="M0 90 Q30 180 -20 260 Q40 320 0 400" stroke="#7a5134" stroke-width="3" fill="none"/></g>`,
  },
  {
    words: /ducks?|goose/,
    draw: (o) => `${[0, 1, 2].map((i) => `<g transform="translate(${560 + i * 70} ${930 - i * 6}) scale(${1 - i * 0.15})"><ellipse cx="0" cy="-26" rx="30" ry="22" fill="#f7f4ee"${o}/><circle cx="22" cy="-54" r="16" fill="#f7f4ee"${o}/><path d="M36 -56 L52 -52 L36 -48 Z" fill="#f5a742"/><circle cx="26" cy="-58" r="3" fill="#2b1d16"/></g>`).join("")}`,
  },
  {
    words: /lantern|torch|lamp|lighthouse/,
    draw: (o) => `<g transform="translate(700 760)"><circle cx="0" cy="-40" r="80" fill="#ffe48a" opacity="0.25"/><rect x="-22" y="-70" width="44" height="60" rx="10" fill="#f5c542"${o}/><path d="M-14 -70 Q0 -96 14 -70" stroke="#2b1d16" stroke-width="4" fill="none"/></g>`,
  },
  {
    words: /note|map|letter/,
    draw: (o) => `<g transform="translate(260 420) rotate(-12)"><rect x="-60" y="-44" width="120" height="88" rx="6" fill="#fff6dc"${o}/><path d="M-40 -16 H40 M-40 4 H30 M-40 24 H20" stroke="#c9a66b" stroke-width="5"/><path d="M20 10 l10 10 m0 -10 l-10 10" stroke="#e04b4b" stroke-width="4"/></g>`,
  },
  {
    words: /cake|cocoa|buns|snack/,
    draw: (o) => `<g transform="translate(720 900)"><rect x="-60" y="-60" width="120" height="60" rx="10" fill="#f7c5d6"${o}/><path d="M-60 -50 Q-40 -30 -20 -50 T20 -50 T60 -50" fill="#fff"/><rect x="-4" y="-92" width="8" height="32" fill="#4b7fd6"/><path d="M0 -104 Q8 -96 0 -90 Q-8 -96 0 -104 Z" fill="#f5a742"/></g>`,
  },
  {
    words: /\bstars?\b/,
    draw: () => `${[0, 1, 2, 3].map((i) => `<path transform="translate(${150 + i * 230} ${140 + (i % 2) * 60}) scale(0.9)" d="M0 -24 L7 -7 L25 -7 L11 4 L16 22 L0 11 L-16 22 L-11 4 L-25 -7 L-7 -7 Z" fill="#ffe48a"/>`).join("")}`,
  },
];

export function propsFor(text: string, outline: Outline, limit = 2): string {
  const lower = text.toLowerCase();
  return PROPS.filter((prop) => prop.words.test(lower))
    .slice(0, limit)
    .map((prop) => prop.draw(outline))
    .join("");
}
