import type { Weather } from "./beat";
import type { Outline } from "./figures";
import { mix, shade, SKIES, type TimeOfDay } from "./palette";
import { sparkle } from "./props";
import { between, choose, r1, type Random } from "./random";

const W = 1024;

export type SettingKind =
  | "hills" | "forest" | "jungle" | "seaside" | "island" | "underwater" | "space" | "city" | "village"
  | "farm" | "snow" | "castle" | "garden" | "park" | "desert" | "home";

/** Where the air is: open sky, water all round, or space. */
export type World = "land" | "water" | "space";

/** The setting in the parent's words → one of the worlds we can paint. */
export function settingKind(setting: string): SettingKind {
  const s = setting.toLowerCase();
  const table: [RegExp, SettingKind][] = [
    [/under ?(the )?(sea|water|ocean)|underwater|ocean floor|coral reef|mermaid|deep sea/, "underwater"],
    [/space|\bmoon\b|planet|galax|\bstars\b|asteroid|rocket/, "space"],
    [/jungle|rainforest|tropical/, "jungle"],
    [/forest|\bwoods?\b|woodland/, "forest"],
    [/island/, "island"],
    [/seaside|beach|coast|harbou?r|\bsea\b|shore|ocean/, "seaside"],
    [/snow|mountain|arctic|north pole|\bice\b|icy|glacier/, "snow"],
    [/castle|kingdom|palace/, "castle"],
    [/desert|dunes|pyramid|sahara/, "desert"],
    [/city|town|street|london|paris/, "city"],
    [/village/, "village"],
    [/farm/, "farm"],
    [/garden|backyard|\byard\b|allotment/, "garden"],
    [/park|playground/, "park"],
    [/^home$|\bhouse\b|bedroom|indoors|at home/, "home"],
  ];
  return table.find(([pattern]) => pattern.test(s))?.[1] ?? "hills";
}

export function worldOf(kind: SettingKind): World {
  return kind === "underwater" ? "water" : kind === "space" ? "space" : "land";
}

export interface Stage {
  kind: SettingKind;
  scene: "outdoor" | "indoors" | "bedroom" | "cave";
  time: TimeOfDay;
  weather?: Weather;
  /** Where the far land meets the sky. */
  horizon: number;
  /** Where the nearest figures stand. */
  floor: number;
  random: Random;
  outline: Outline;
  /** Which version of the setting's backdrop this page gets. */
  variant: number;
  /** Flat bands of colour instead of gradients (cut paper). */
  flatSky: boolean;
  /** The cover keeps its top calm for the title. */
  cover: boolean;
  /** A dark, spooky moment: grey light, no sun. */
  gloomy?: boolean;
}

/** Land colours shift with the light: warmer at sunset, blue and dim at night. */
export function toner(time: TimeOfDay) {
  return (hex: string) =>
    time === "night" ? mix(hex, "#1d2350", 0.5) : time === "sunset" ? mix(shade(hex, 0.92), "#ff8a5c", 0.14) : time === "morning" ? mix(hex, "#fff0d8", 0.08) : hex;
}

function gradient(id: string, stops: string[], flat: boolean, height = W, random?: Random) {
  if (flat) {
    // Cut paper: each colour is its own strip, torn a little unevenly.
    const bands = stops.length * 2 - 1;
    const colours = Array.from({ length: bands }, (_, i) => (i % 2 ? mix(stops[(i - 1) / 2]!, stops[(i + 1) / 2]!, 0.5) : stops[i / 2]!));
    return colours
      .map((c, i) => {
        const y = Math.round((i * height) / bands);
        if (i === 0) return `<rect width="${W}" height="${height}" fill="${c}"/>`;
        const wave = Array.from({ length: 6 }, (_, k) => `Q${k * 205 + 102} ${r1(y + (random ? between(random, -16, 16) : k % 2 ? 10 : -10))} ${(k + 1) * 205} ${y}`).join(" ");
        return `<path d="M0 ${y} ${wave} V${height} H0 Z" fill="${c}"/>`;
      })
      .join("");
  }
  const defs = `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${stops.map((c, i) => `<stop offset="${r1(i / Math.max(1, stops.length - 1))}" stop-color="${c}"/>`).join("")}</linearGradient></defs>`;
  return `${defs}<rect width="${W}" height="${height}" fill="url(#${id})"/>`;
}

function cloud(x: number, y: number, s: number, colour: string, opacity = 0.92) {
  return `<g data-sky="cloud" transform="translate(${r1(x)} ${r1(y)}) scale(${r1(s * 10) / 10})" fill="${colour}" opacity="${opacity}"><ellipse cx="0" cy="0" rx="80" ry="30"/><ellipse cx="-34" cy="-14" rx="40" ry="30"/><ellipse cx="20" cy="-28" rx="46" ry="38"/><ellipse cx="58" cy="-6" rx="34" ry="24"/></g>`;
}

function starField(random: Random, count: number, maxY: number) {
  let out = `<g data-sky="stars">`;
  for (let i = 0; i < count; i++) {
    out += `<circle cx="${Math.round(random() * W)}" cy="${Math.round(random() * maxY)}" r="${r1(between(random, 0.9, 2.6))}" fill="#fff8d8" opacity="${r1(between(random, 0.5, 1))}"/>`;
  }
  for (let i = 0; i < 6; i++) out += sparkle(Math.round(random() * W), Math.round(between(random, 20, maxY)), Math.round(between(random, 7, 13)), "#fff6c4");
  return `${out}</g>`;
}

/** Open sky: gradient, sun or moon, clouds, stars and birds by the time of day. */
function openSky(stage: Stage) {
  const { time, random, weather } = stage;
  const stormy = weather === "storm" || weather === "rain" || (stage.gloomy && time !== "night");
  const [top, bottom] = stormy ? (time === "night" ? ["#1c2233", "#3a4256"] : ["#7d8a9c", "#c3ccd6"]) : SKIES[time];
  const middle = time === "sunset" && !stormy ? "#f6a37a" : mix(top, bottom, 0.5);
  let out = gradient("sky", [top, middle, bottom], stage.flatSky, stage.horizon + 40, random);
  // The cover keeps the sun and moon below the title band.
  const lightY = stage.cover ? between(random, 330, 400) : 0;
  if (stormy) {
    out += [0, 1, 2, 3].map((i) => cloud(120 + i * 260 + between(random, -40, 40), between(random, 90, 240), between(random, 1.3, 1.8), time === "night" ? "#2a3142" : "#8a94a3", 0.95)).join("");
    if (weather === "storm") out += `<path d="M${Math.round(between(random, 500, 800))} 180 l-40 90 h34 l-30 90 l80 -120 h-36 l30 -60 Z" fill="#ffe48a"/>`;
    return out;
  }
  if (time === "night") {
    out += starField(random, 70, stage.horizon - 40);
    const mx = between(random, 140, 880);
    const my = lightY || between(random, 110, 230);
    out += `<g data-sky="moon"><circle cx="${r1(mx)}" cy="${r1(my)}" r="110" fill="#fff4c4" opacity="0.12"/><circle cx="${r1(mx)}" cy="${r1(my)}" r="54" fill="#fff4c4"/><circle cx="${r1(mx + 24)}" cy="${r1(my - 14)}" r="48" fill="${top}"/></g>`;
    if (random() < 0.5) out += cloud(between(random, 100, 900), between(random, 200, 320), 1.2, "#4a4f8f", 0.6);
    return out;
  }
  if (time === "sunset") {
    const sx = between(random, 200, 820);
    out += `<g data-sky="sun"><circle cx="${r1(sx)}" cy="${stage.horizon - 30}" r="150" fill="#ffd59a" opacity="0.35"/><circle cx="${r1(sx)}" cy="${stage.horizon - 30}" r="96" fill="#ffcf6b"/></g>`;
    out += [0, 1, 2].map(() => cloud(between(random, 80, 940), stage.cover ? between(random, 120, 300) : between(random, 120, stage.horizon - 200), between(random, 0.8, 1.3), "#ffb6a0", 0.75)).join("");
  } else {
    const morning = time === "morning";
    const left = morning ? random() < 0.75 : random() < 0.35;
    const sx = left ? between(random, 130, 320) : between(random, 680, 880);
    const sy = lightY || (morning ? between(random, 240, 320) : between(random, 120, 200));
    const rays = Array.from({ length: 12 }, (_, i) => {
      const a = (i / 12) * Math.PI * 2;
      return `<path d="M${r1(sx + Math.cos(a) * 78)} ${r1(sy + Math.sin(a) * 78)} L${r1(sx + Math.cos(a + 0.1) * 104)} ${r1(sy + Math.sin(a + 0.1) * 104)} L${r1(sx + Math.cos(a - 0.1) * 104)} ${r1(sy + Math.sin(a - 0.1) * 104)} Z" fill="#ffe27a"/>`;
    }).join("");
    // Some pages keep the sun out of shot, so not every sky looks the same.
    const sunny = stage.cover || random() < 0.7;
    if (sunny) out += `<g data-sky="sun"><circle cx="${r1(sx)}" cy="${r1(sy)}" r="120" fill="#fff3b0" opacity="0.3"/>${rays}<circle cx="${r1(sx)}" cy="${r1(sy)}" r="64" fill="#ffd34d"/></g>`;
    const clouds = (sunny ? 2 : 4) + Math.floor(random() * 3);
    for (let i = 0; i < clouds; i++) {
      out += cloud(((i + 0.5) / clouds) * W + between(random, -60, 60), stage.cover ? between(random, 110, 290) : between(random, 90, Math.min(330, stage.horizon - 150)), between(random, 0.7, 1.3), "#ffffff");
    }
    if (random() < 0.6) {
      const bx = between(random, 200, 800);
      const by = between(random, 160, 300);
      out += [0, 1, 2].map((i) => `<path d="M${r1(bx + i * 40)} ${r1(by + (i % 2) * 20)} q12 -12 24 0 q12 -12 24 0" stroke="#3a3a4a" stroke-width="4" fill="none" stroke-linecap="round"/>`).join("");
    }
  }
  return out;
}

function spaceSky(stage: Stage) {
  const { random } = stage;
  let out = gradient("sky", ["#0b0f2e", "#1d1850", "#3a2469"], stage.flatSky, W, random);
  out += [["#8c62c9", 0.16], ["#e56fa0", 0.12], ["#3cc0c0", 0.1]]
    .map(([c, o]) => `<ellipse cx="${Math.round(between(random, 100, 900))}" cy="${Math.round(between(random, 80, 500))}" rx="${Math.round(between(random, 180, 320))}" ry="${Math.round(between(random, 70, 140))}" fill="${c}" opacity="${o}" transform="rotate(${Math.round(between(random, -30, 30))} 512 300)"/>`)
    .join("");
  out += starField(random, 110, stage.horizon);
  const px = choose(random, [170, 840, 260, 760]);
  const py = stage.cover ? 380 : between(random, 120, 300);
  const planetColour = choose(random, ["#e58bb5", "#f5a742", "#7cc4ff", "#9be0a8"]);
  out += `<circle cx="${px}" cy="${r1(py)}" r="64" fill="${planetColour}"/><path d="M${px - 50} ${r1(py - 20)} Q${px} ${r1(py - 4)} ${px + 56} ${r1(py - 24)}" stroke="${shade(planetColour, 0.85)}" stroke-width="10" fill="none"/><ellipse cx="${px}" cy="${r1(py)}" rx="112" ry="20" fill="none" stroke="#f5c542" stroke-width="8" transform="rotate(-16 ${px} ${r1(py)})"/>`;
  if (stage.variant % 2 === 0) {
    const ex = W - px + between(random, -60, 60);
    out += `<circle cx="${r1(ex)}" cy="${r1(py + 120)}" r="34" fill="#4b9fe0"/><path d="M${r1(ex - 20)} ${r1(py + 104)} q14 10 8 24 q16 4 22 -10" fill="#6dbb6a"/>`;
  }
  if (random() < 0.5) {
    const cx = between(random, 300, 700);
    out += `<path d="M${r1(cx)} 120 L${r1(cx - 160)} 60" stroke="#fff6c4" stroke-width="6" opacity="0.5" stroke-linecap="round"/><circle cx="${r1(cx)}" cy="120" r="9" fill="#fff6c4"/>`;
  }
  return out;
}

function waterSky(stage: Stage) {
  const { time, random } = stage;
  const deep = stage.variant % 4 === 3;
  const [top, bottom] =
    time === "night" ? ["#123a66", "#061a30"] : time === "sunset" ? ["#6cc4b8", "#1f4f7c"] : deep ? ["#4aa8d8", "#123f78"] : time === "morning" ? ["#8adfe6", "#2878ad"] : ["#62d2e8", "#1c68a4"];
  let out = gradient("sky", [top, mix(top, bottom, 0.5), bottom], stage.flatSky, W, random);
  // The surface, seen from below: a rippling bright band.
  out += `<path d="M0 0 H${W} V46 ${Array.from({ length: 9 }, (_, i) => `Q${W - i * 128 - 64} ${i % 2 ? 30 : 62} ${W - (i + 1) * 128} 46`).join(" ")} Z" fill="${mix(top, "#ffffff", 0.35)}" opacity="0.7"/>`;
  if (time !== "night") {
    out += `<g data-sky="light-rays">`;
    out += Array.from({ length: 5 }, (_, i) => {
      const x = 80 + i * 210 + between(random, -40, 40);
      return `<path d="M${r1(x)} 0 L${r1(x + 70)} 0 L${r1(x + 260)} ${stage.floor} L${r1(x + 120)} ${stage.floor} Z" fill="#ffffff" opacity="${r1(between(random, 0.06, 0.13) * 100) / 100}"/>`;
    }).join("");
    out += "</g>";
  } else {
    // Night under the sea glows from within.
    out += Array.from({ length: 24 }, () => `<circle cx="${Math.round(random() * W)}" cy="${Math.round(between(random, 80, stage.horizon))}" r="${r1(between(random, 2, 5))}" fill="#9ff7e8" opacity="${r1(between(random, 0.4, 0.9))}"/>`).join("");
  }
  out += `<g data-sky="bubbles">`;
  out += Array.from({ length: 3 }, () => {
    const x = between(random, 60, 960);
    return Array.from({ length: 5 }, (_, j) => `<circle cx="${r1(x + Math.sin(j) * 10)}" cy="${r1(stage.horizon - 60 - j * 70)}" r="${6 + j * 2}" fill="none" stroke="#e6fbff" stroke-width="3" opacity="0.6"/>`).join("");
  }).join("");
  return `${out}</g>`;
}

function hillPath(y: number, amplitude: number, random: Random, bumps = 3) {
  const step = W / bumps;
  let d = `M0 ${r1(y + between(random, -amplitude, amplitude) * 0.3)}`;
  for (let i = 0; i < bumps; i++) {
    d += ` Q${r1(step * i + step / 2)} ${r1(y - amplitude * between(random, 0.4, 1.2))} ${r1(step * (i + 1))} ${r1(y + between(random, -amplitude, amplitude) * 0.3)}`;
  }
  return `${d} V${W} H0 Z`;
}

export function pine(x: number, y: number, s: number, colour: string, outline: Outline, snow = false) {
  return `<g transform="translate(${r1(x)} ${r1(y)}) scale(${r1(s * 100) / 100})"><rect x="-8" y="-30" width="16" height="30" fill="#6b4a30"/><path d="M0 -200 L60 -100 H30 L74 -30 H-74 L-30 -100 H-60 Z" fill="${colour}"${outline}/>${snow ? `<path d="M0 -200 L30 -150 Q0 -140 -30 -150 Z M-40 -100 Q0 -90 40 -100 L30 -110 Q0 -104 -30 -110 Z" fill="#fff"/>` : ""}</g>`;
}

export function roundTree(x: number, y: number, s: number, leaf: string, outline: Outline, fruit = "") {
  return `<g transform="translate(${r1(x)} ${r1(y)}) scale(${r1(s * 100) / 100})"><path d="M-14 0 Q-10 -80 -8 -120 H8 Q10 -80 14 0 Z" fill="#7a5134"${outline}/><circle cx="-44" cy="-140" r="50" fill="${leaf}"${outline}/><circle cx="44" cy="-146" r="48" fill="${leaf}"${outline}/><circle cx="0" cy="-184" r="62" fill="${shade(leaf, 1.08)}"${outline}/>${fruit ? `<circle cx="-30" cy="-170" r="7" fill="${fruit}"/><circle cx="30" cy="-150" r="7" fill="${fruit}"/><circle cx="6" cy="-210" r="7" fill="${fruit}"/>` : ""}</g>`;
}

function bush(x: number, y: number, s: number, colour: string, outline: Outline) {
  return `<g transform="translate(${r1(x)} ${r1(y)}) scale(${r1(s * 100) / 100})"><path d="M-60 0 Q-70 -40 -36 -48 Q-30 -80 0 -72 Q30 -86 40 -50 Q72 -40 60 0 Z" fill="${colour}"${outline}/></g>`;
}

function grass(stage: Stage, colour: string, from: number, to: number, count: number) {
  const { random } = stage;
  let out = "";
  for (let i = 0; i < count; i++) {
    const x = random() * W;
    const y = between(random, from, to);
    out += `<path d="M${r1(x - 8)} ${r1(y)} q4 -16 0 -22 q8 8 8 22 q4 -18 12 -24 q-2 14 -4 24 Z" fill="${colour}"/>`;
  }
  return out;
}

function windingPath(stage: Stage, colour: string) {
  const { horizon, floor, random } = stage;
  const far = between(random, 380, 640);
  const near = between(random, 300, 720);
  return `<path d="M${r1(far - 14)} ${horizon + 10} Q${r1(far - 140)} ${r1((horizon + floor) / 2)} ${r1(near - 170)} ${W} H${r1(near + 170)} Q${r1(far + 60)} ${r1((horizon + floor) / 2)} ${r1(far + 14)} ${horizon + 10} Z" fill="${colour}"/>`;
}

function cottage(x: number, y: number, s: number, wall: string, roof: string, outline: Outline, lit: boolean) {
  return `<g transform="translate(${r1(x)} ${r1(y)}) scale(${r1(s * 100) / 100})"><rect x="-60" y="-90" width="120" height="90" fill="${wall}"${outline}/><path d="M-74 -86 L0 -150 L74 -86 Z" fill="${roof}"${outline}/><rect x="-14" y="-46" width="28" height="46" fill="#7a4a2a"/><rect x="-46" y="-70" width="24" height="24" fill="${lit ? "#ffe48a" : "#dff3ff"}"/><rect x="22" y="-70" width="24" height="24" fill="${lit ? "#ffe48a" : "#dff3ff"}"/></g>`;
}

/** What lies behind the figures: sky, far land, the ground they stand on. */
export function backdrop(stage: Stage): string {
  if (stage.scene === "bedroom" || stage.scene === "indoors") return room(stage);
  if (stage.scene === "cave") return cave(stage);
  const world = worldOf(stage.kind);
  const sky = world === "space" ? spaceSky(stage) : world === "water" ? waterSky(stage) : openSky(stage);
  return sky + land(stage);
}

function land(stage: Stage): string {
  const { kind, horizon, floor, random, outline: o, variant } = stage;
  const t = toner(stage.time);
  const night = stage.time === "night";
  switch (kind) {
    case "space": {
      const surface = variant % 3 === 1 ? ["#7d5fb5", "#5b4a8a"] : ["#c9c4d8", "#a09cb8"];
      const craters = Array.from({ length: 7 }, () => {
        const x = random() * W;
        const y = between(random, horizon + 30, W - 20);
        const r = between(random, 14, 46) * ((y - horizon) / (W - horizon) + 0.3);
        return `<ellipse cx="${r1(x)}" cy="${r1(y)}" rx="${r1(r)}" ry="${r1(r * 0.4)}" fill="${shade(surface[1]!, 0.85)}"/><ellipse cx="${r1(x)}" cy="${r1(y - r * 0.08)}" rx="${r1(r * 0.8)}" ry="${r1(r * 0.28)}" fill="${shade(surface[1]!, 0.7)}"/>`;
      }).join("");
      const crystals =
        variant % 3 === 1
          ? [0, 1, 2].map(() => { const x = between(random, 40, 980); const y = between(random, horizon + 20, horizon + 90); return `<path d="M${r1(x)} ${r1(y)} l-14 -50 l14 -26 l14 26 Z" fill="#7ff0e0" opacity="0.85"/><path d="M${r1(x + 16)} ${r1(y)} l-8 -30 l8 -14 l8 14 Z" fill="#f29bd0"/>`; }).join("")
          : "";
      const rocket = variant % 3 === 2 ? `<g transform="translate(${r1(between(random, 120, 900))} ${horizon + 30}) scale(0.35)"><path d="M0 -300 Q70 -220 60 -60 H-60 Q-70 -220 0 -300 Z" fill="#f7f4ee"/><path d="M-58 -120 L-106 -20 L-60 -50 Z M58 -120 L106 -20 L60 -50 Z" fill="#e04b4b"/><circle cx="0" cy="-160" r="26" fill="#7cc4ff"/></g>` : "";
      return `<path d="${hillPath(horizon, 40, random, 2).slice(0)}" fill="${surface[0]}"${o}/>${rocket}${crystals}<path d="${hillPath(horizon + 110, 30, random, 3)}" fill="${surface[1]}"/>${craters}`;
    }
    case "underwater": {
      const far = `<path d="${hillPath(horizon - 40, 80, random, 3)}" fill="#2a6f9a" opacity="0.5"/>`;
      const kelp = (x: number, h: number, c: string) => `<path d="M${r1(x)} ${floor + 30} q-30 ${-h / 4} 0 ${-h / 2} q30 ${-h / 4} 0 ${-h / 2}" stroke="${c}" stroke-width="14" fill="none" stroke-linecap="round"/>${[0.3, 0.55, 0.8].map((f, i) => `<ellipse cx="${r1(x + (i % 2 ? 14 : -14))}" cy="${r1(floor + 30 - h * f)}" rx="16" ry="7" fill="${c}" transform="rotate(${i % 2 ? -30 : 30} ${r1(x)} ${r1(floor + 30 - h * f)})"/>`).join("")}`;
      let mid = "";
      if (variant % 4 === 0) {
        // A kelp forest, fronds reaching for the light.
        mid = Array.from({ length: 7 }, (_, i) => kelp(i * 160 + between(random, 0, 80), between(random, 380, 620), i % 2 ? "#2e9c6a" : "#3fae7a")).join("");
      } else if (variant % 4 === 1) {
        mid = `<g transform="translate(${r1(between(random, 620, 820))} ${horizon + 60})" opacity="0.85"><path d="M-160 0 L-120 -90 L120 -110 L170 0 Z" fill="#5a4a40"/><rect x="-6" y="-260" width="12" height="160" fill="#5a4a40" transform="rotate(14)"/><circle cx="-60" cy="-50" r="14" fill="#2a3a4a"/><circle cx="0" cy="-56" r="14" fill="#2a3a4a"/><circle cx="60" cy="-60" r="14" fill="#2a3a4a"/></g>` + kelp(between(random, 60, 200), 260, "#3fae7a");
      } else if (variant % 4 === 2) {
        // A coral reef in every colour.
        mid = Array.from({ length: 6 }, (_, i) => {
          const x = i * 190 + between(random, 0, 80);
          const c = choose(random, ["#f27a7a", "#f5a742", "#c56bd6", "#ef8fb5", "#5ad0c0"]);
          const s = between(random, 0.9, 1.5);
          return `<g transform="translate(${r1(x)} ${horizon + 70}) scale(${r1(s * 10) / 10})"><path d="M0 0 V-70 M0 -50 Q-30 -56 -34 -96 M0 -70 Q24 -84 28 -120 M-20 -76 Q-40 -90 -44 -120" stroke="${c}" stroke-width="14" fill="none" stroke-linecap="round"/><circle cx="44" cy="-22" r="26" fill="${shade(c, 1.2)}"/><path d="M30 -40 q14 -20 28 0" stroke="${shade(c, 0.8)}" stroke-width="4" fill="none"/></g>`;
        }).join("");
      } else {
        // A rocky arch in deeper water.
        const ax = between(random, 250, 770);
        mid = `<path d="M${r1(ax - 300)} ${horizon + 70} Q${r1(ax - 280)} ${horizon - 320} ${r1(ax)} ${horizon - 330} Q${r1(ax + 280)} ${horizon - 320} ${r1(ax + 300)} ${horizon + 70} H${r1(ax + 170)} Q${r1(ax + 160)} ${horizon - 190} ${r1(ax)} ${horizon - 200} Q${r1(ax - 160)} ${horizon - 190} ${r1(ax - 170)} ${horizon + 70} Z" fill="#6f7f8f"${o}/><circle cx="${r1(ax - 200)}" cy="${horizon - 150}" r="20" fill="#f5a742"/><circle cx="${r1(ax + 210)}" cy="${horizon - 60}" r="16" fill="#ef8fb5"/>` + kelp(between(random, 40, 160), 300, "#2e9c6a");
      }
      const sand = `<path d="${hillPath(horizon + 60, 30, random, 3)}" fill="#e9d39a"${o}/><path d="${hillPath(floor - 40, 20, random, 4)}" fill="#e2c482"/>`;
      const pebbles = Array.from({ length: 8 }, () => `<ellipse cx="${Math.round(random() * W)}" cy="${Math.round(between(random, horizon + 90, W - 10))}" rx="${Math.round(between(random, 6, 16))}" ry="${Math.round(between(random, 4, 9))}" fill="#c9ab6e"/>`).join("");
      return `${far}${mid}${sand}${pebbles}`;
    }
    case "seaside":
    case "island": {
      const sea = `<rect y="${horizon - 60}" width="${W}" height="${W - horizon + 60}" fill="${t("#3d8fd1")}"/><path d="M0 ${horizon - 60} H${W}" stroke="${t("#7cc4ff")}" stroke-width="8"/>${Array.from({ length: 6 }, () => `<path d="M${Math.round(random() * 900)} ${Math.round(between(random, horizon - 40, horizon + 40))} q16 -8 32 0 q16 -8 32 0" stroke="#e6f6ff" stroke-width="4" fill="none" opacity="0.8"/>`).join("")}`;
      const boat = random() < 0.6 ? `<g transform="translate(${r1(between(random, 100, 900))} ${horizon - 40}) scale(0.3)"><path d="M-150 -60 H150 L110 0 H-110 Z" fill="#c0692f"/><rect x="-6" y="-250" width="12" height="192" fill="#7a5134"/><path d="M10 -240 Q110 -150 120 -74 H10 Z" fill="#f7f4ee"/></g>` : "";
      if (kind === "island" || variant % 3 === 2) {
        const ix = between(random, 300, 700);
        return `${sea}${boat}<path d="M${r1(ix - 360)} ${W} Q${r1(ix - 300)} ${horizon + 40} ${r1(ix)} ${horizon + 20} Q${r1(ix + 300)} ${horizon + 40} ${r1(ix + 360)} ${W} Z" fill="${t("#f2d58e")}"${o}/>${palm(ix - 220, horizon + 110, 1, t, o)}${palm(ix + 250, horizon + 140, 1.2, t, o)}<path d="M0 ${floor + 10} Q512 ${floor - 30} ${W} ${floor + 10} V${W} H0 Z" fill="${t("#ecc878")}"/>`;
      }
      const cliff = variant % 3 === 1 ? `<path d="M${W} ${horizon - 60} L${W - 200} ${horizon - 60} Q${W - 260} ${horizon - 200} ${W - 160} ${horizon - 240} H${W} Z" fill="${t("#8fb06a")}"${o}/><g transform="translate(${W - 110} ${horizon - 236}) scale(0.45)"><path d="M-70 0 L-46 -320 H46 L70 0 Z" fill="#f7f4ee"/><path d="M-64 -80 H64 L60 -140 H-60 Z M-56 -200 H56 L52 -260 H-52 Z" fill="#e04b4b"/><rect x="-40" y="-380" width="80" height="60" fill="#ffe48a"/><path d="M-50 -380 L0 -420 L50 -380 Z" fill="#e04b4b"/></g>` : "";
      const beach = `<path d="M0 ${horizon + 40} Q300 ${horizon} 600 ${horizon + 30} T${W} ${horizon + 20} V${W} H0 Z" fill="${t("#f2d58e")}"${o}/><path d="M0 ${horizon + 40} Q300 ${horizon} 600 ${horizon + 30} T${W} ${horizon + 20}" stroke="#fff" stroke-width="8" fill="none" opacity="0.8"/>`;
      const umbrella = variant % 3 === 0 ? `<g transform="translate(${r1(between(random, 80, 940))} ${horizon + 110})"><path d="M0 0 V-120" stroke="#7a5134" stroke-width="5"/><path d="M-80 -110 Q0 -180 80 -110 Z" fill="#e04b4b"/><path d="M-26 -112 Q0 -176 26 -112 Z" fill="#fff"/></g>` : "";
      const shells = Array.from({ length: 5 }, () => `<circle cx="${Math.round(random() * W)}" cy="${Math.round(between(random, horizon + 80, W - 20))}" r="5" fill="#f7b6c8"/>`).join("");
      return `${sea}${boat}${cliff}${beach}${umbrella}${shells}`;
    }
    case "city": {
      if (variant % 4 === 3) {
        // A little park between the tall buildings.
        const towers = Array.from({ length: 7 }, (_, i) => { const h = between(random, 200, 360); const c = t(["#c38d9e", "#85cdca", "#e8a87c", "#90ccf4", "#f3d250", "#e27d60", "#a9b8d0"][i]!); return `<rect x="${i * 150 - 20}" y="${r1(horizon - h)}" width="140" height="${r1(h)}" fill="${c}"${o}/>${Array.from({ length: 4 }, (_, j) => `<rect x="${i * 150 + 10 + (j % 2) * 60}" y="${r1(horizon - h + 30 + Math.floor(j / 2) * 60)}" width="30" height="34" rx="4" fill="${night ? "#ffe48a" : "#eaf6ff"}"/>`).join("")}`; }).join("");
        const trees = Array.from({ length: 3 }, () => roundTree(between(random, 60, 960), horizon + 40, between(random, 0.7, 0.9), t("#4fa868"), o)).join("");
        const railing = Array.from({ length: 30 }, (_, i) => `<rect x="${i * 35}" y="${horizon - 10}" width="6" height="50" fill="#3a3a4a"/>`).join("") + `<rect y="${horizon - 14}" width="${W}" height="8" fill="#3a3a4a"/>`;
        return `${towers}<rect y="${horizon}" width="${W}" height="${W}" fill="${t("#86c97a")}"/>${railing}${trees}${windingPath(stage, t("#d9d4cc"))}${grass(stage, t("#5aa85a"), horizon + 60, W, 14)}`;
      }
      const skyline = Array.from({ length: 9 }, (_, i) => { const h = between(random, 100, 260); return `<rect x="${i * 120 - 20}" y="${r1(horizon - h)}" width="110" height="${r1(h)}" fill="${t("#a9b8d0")}"/>`; }).join("");
      const colours = ["#e8a87c", "#c38d9e", "#85cdca", "#e27d60", "#f3d250", "#90ccf4"];
      const street = horizon + 30;
      const buildings = Array.from({ length: 6 }, (_, i) => {
        const x = i * 175 - 10 + (variant % 2) * 60;
        const h = between(random, 220, 380);
        const c = t(colours[(i + variant) % colours.length]!);
        const windows = Array.from({ length: 6 }, (_, j) => `<rect x="${r1(x + 28 + (j % 2) * 70)}" y="${r1(street - h + 40 + Math.floor(j / 2) * 70)}" width="34" height="40" rx="4" fill="${night ? "#ffe48a" : "#eaf6ff"}"/>`).join("");
        return `<rect x="${r1(x)}" y="${r1(street - h)}" width="160" height="${r1(h)}" fill="${c}"${o}/><rect x="${r1(x - 6)}" y="${r1(street - h - 12)}" width="172" height="14" fill="${shade(c, 0.8)}"/>${windows}<rect x="${r1(x + 60)}" y="${street - 60}" width="40" height="60" fill="${shade(c, 0.6)}"/>`;
      }).join("");
      const lamp = (x: number) => `<path d="M${x} ${street + 40} V${street - 150}" stroke="#3a3a4a" stroke-width="8"/><circle cx="${x}" cy="${street - 156}" r="16" fill="${night ? "#ffe48a" : "#f7f4ee"}"/>${night ? `<circle cx="${x}" cy="${street - 156}" r="50" fill="#ffe48a" opacity="0.25"/>` : ""}`;
      const bus = variant % 3 === 1 ? `<g transform="translate(${r1(between(random, 200, 800))} ${street + 130})"><rect x="-130" y="-110" width="260" height="100" rx="16" fill="#e04b4b"${o}/>${[-100, -50, 0, 50].map((x) => `<rect x="${x}" y="-94" width="40" height="36" rx="5" fill="#dff3ff"/>`).join("")}<circle cx="-80" cy="-10" r="20" fill="#2b1d16"/><circle cx="80" cy="-10" r="20" fill="#2b1d16"/></g>` : "";
      return `${skyline}${buildings}<rect y="${street}" width="${W}" height="${W - street}" fill="${t("#b9b4ad")}"/><rect y="${street}" width="${W}" height="20" fill="${t("#d9d4cc")}"/><rect y="${street + 80}" width="${W}" height="${W}" fill="${t("#8d8a88")}"/>${[0, 1, 2, 3, 4, 5].map((i) => `<rect x="${i * 190 + 40}" y="${street + 170}" width="90" height="12" fill="#f7f4ee" opacity="0.8"/>`).join("")}${lamp(variant % 2 ? 120 : 880)}${bus}`;
    }
    case "snow": {
      if (variant % 4 === 3) {
        // In among the snowy pines.
        const pines = Array.from({ length: 9 }, (_, i) => pine(i * 120 + between(random, -30, 30), horizon + between(random, 0, 50), between(random, 1.2, 1.9), t(i % 2 ? "#2f6f4f" : "#3f7f5a"), o, true)).join("");
        const drifts = Array.from({ length: 4 }, () => `<ellipse cx="${r1(between(random, 0, W))}" cy="${r1(between(random, horizon + 80, W))}" rx="${r1(between(random, 80, 160))}" ry="26" fill="#ffffff"/>`).join("");
        return `<path d="${hillPath(horizon - 60, 80, random, 2)}" fill="${t("#c9d6ea")}"/>${pines}<path d="${hillPath(horizon + 30, 24, random, 3)}" fill="${t("#f4f8ff")}"${o}/>${drifts}`;
      }
      const peaks = [[180, 220, "#8fa6c8"], [520, 160, "#7c94b8"], [860, 240, "#8fa6c8"]]
        .map(([x, h, c]) => { const px = Number(x) + between(random, -60, 60); const top = horizon - Number(h) - between(random, 0, 120); return `<path d="M${r1(px - 320)} ${horizon + 20} L${r1(px)} ${r1(top)} L${r1(px + 320)} ${horizon + 20} Z" fill="${t(String(c))}"${o}/><path d="M${r1(px)} ${r1(top)} L${r1(px + 72)} ${r1(top + 100)} L${r1(px + 30)} ${r1(top + 84)} L${r1(px)} ${r1(top + 110)} L${r1(px - 34)} ${r1(top + 82)} L${r1(px - 70)} ${r1(top + 100)} Z" fill="#fff"/>`; })
        .join("");
      const pines = Array.from({ length: 5 }, () => pine(between(random, 0, W), horizon + between(random, 20, 60), between(random, 0.5, 0.8), t("#2f6f4f"), o, true)).join("");
      const extra = variant % 4 === 1 ? `<g transform="translate(${r1(between(random, 120, 900))} ${horizon + 120})"><path d="M-80 0 Q-80 -90 0 -92 Q80 -90 80 0 Z" fill="#f4f8ff"${o}/><path d="M-20 0 V-40 Q0 -56 20 -40 V0 Z" fill="#9fb3c8"/></g>` : variant % 4 === 2 ? `<ellipse cx="${r1(between(random, 300, 700))}" cy="${horizon + 100}" rx="220" ry="40" fill="#bfe3ff"${o}/>` : "";
      return `${peaks}<path d="${hillPath(horizon + 10, 40, random, 3)}" fill="${t("#eef3fb")}"${o}/>${pines}${extra}<path d="${hillPath(floor - 30, 24, random, 2)}" fill="${t("#f8fbff")}"/>`;
    }
    case "castle": {
      if (variant % 4 === 3) {
        // Inside the castle walls: a courtyard with arches, banners and a well.
        const wallTop = horizon - 260;
        const arches = Array.from({ length: 5 }, (_, i) => `<path d="M${i * 220 + 40} ${horizon + 20} V${wallTop + 120} Q${i * 220 + 100} ${wallTop + 50} ${i * 220 + 160} ${wallTop + 120} V${horizon + 20} Z" fill="${t("#6a5a7a")}"/>`).join("");
        const banners = [0, 1, 2, 3].map((i) => `<path d="M${i * 260 + 120} ${wallTop + 10} h50 v110 l-25 -20 l-25 20 Z" fill="${["#e04b4b", "#4b7fd6", "#f5c542", "#4fa868"][i]}"${o}/>`).join("");
        const battlements = Array.from({ length: 16 }, (_, i) => `<rect x="${i * 68}" y="${wallTop - 34}" width="40" height="36" fill="${t("#cfc3e2")}"${o}/>`).join("");
        const stones = Array.from({ length: 18 }, () => `<rect x="${r1(between(random, 0, W))}" y="${r1(between(random, horizon + 40, W))}" width="${r1(between(random, 60, 120))}" height="14" rx="6" fill="${t("#b8aec8")}" opacity="0.7"/>`).join("");
        const well = `<g transform="translate(${r1(between(random, 150, 870))} ${horizon + 110})"><rect x="-60" y="-60" width="120" height="60" rx="6" fill="${t("#a8a0b8")}"${o}/><path d="M-60 -60 V-150 M60 -60 V-150" stroke="#7a5134" stroke-width="10"/><path d="M-80 -150 L0 -196 L80 -150 Z" fill="#c0452b"${o}/></g>`;
        return `${battlements}<rect y="${wallTop}" width="${W}" height="${horizon + 20 - wallTop}" fill="${t("#d9cfe8")}"${o}/>${arches}${banners}<rect y="${horizon + 20}" width="${W}" height="${W}" fill="${t("#cbc1d8")}"/>${stones}${well}`;
      }
      const castleX = variant % 2 ? between(random, 160, 360) : between(random, 640, 860);
      const s = variant % 3 === 2 ? 0.9 : 0.55;
      const castle = `<g transform="translate(${r1(castleX)} ${horizon - 10}) scale(${s})"><rect x="-140" y="-260" width="280" height="260" fill="${t("#d9cfe8")}"${o}/><rect x="-200" y="-360" width="90" height="360" fill="${t("#cfc3e2")}"${o}/><rect x="110" y="-360" width="90" height="360" fill="${t("#cfc3e2")}"${o}/>${[-140, -100, -60, -20, 20, 60, 100].map((x) => `<rect x="${x}" y="-284" width="26" height="26" fill="${t("#d9cfe8")}"/>`).join("")}<path d="M-212 -360 L-155 -440 L-98 -360 Z M98 -360 L155 -440 L212 -360 Z" fill="#e04b4b"${o}/><path d="M-155 -440 V-490 L-110 -476 L-155 -462 M155 -440 V-490 L200 -476 L155 -462" stroke="#2b1d16" stroke-width="4" fill="#f5c542"/><path d="M-44 0 V-100 Q0 -150 44 -100 V0 Z" fill="#8a5a3a"/>${[-170, 140, -16].map((x, i) => `<rect x="${x}" y="${i === 2 ? -220 : -300}" width="30" height="44" rx="14" fill="${night ? "#ffe48a" : "#4b5e8a"}"/>`).join("")}</g>`;
      return `<path d="${hillPath(horizon - 30, 60, random, 2)}" fill="${t("#8fcf86")}"${o}/>${castle}<path d="${hillPath(horizon + 40, 30, random, 3)}" fill="${t("#74bf6b")}"${o}/>${windingPath(stage, t("#e8d4a8"))}${Array.from({ length: 3 }, () => roundTree(between(random, 0, W), horizon + 50, between(random, 0.35, 0.55), t("#4fa868"), o)).join("")}`;
    }
    case "desert": {
      const pyramid = variant % 3 !== 1 ? `<path d="M${r1(between(random, 600, 860) - 150)} ${horizon} l150 -180 l150 180 Z" fill="${t("#e0b070")}"${o}/><path d="M0 0" />` : "";
      const oasis = variant % 3 === 1 ? `<ellipse cx="${r1(between(random, 300, 700))}" cy="${horizon + 60}" rx="160" ry="30" fill="#4d9de0"/>${palm(between(random, 200, 400), horizon + 70, 0.8, t, o)}${palm(between(random, 600, 800), horizon + 60, 0.7, t, o)}` : "";
      const cactus = (x: number, y: number, s: number) => `<g transform="translate(${r1(x)} ${r1(y)}) scale(${r1(s * 100) / 100})" fill="${t("#5aa35a")}"><rect x="-16" y="-160" width="32" height="160" rx="16"${o}/><path d="M-16 -80 H-50 V-120" stroke="${t("#5aa35a")}" stroke-width="24" fill="none" stroke-linecap="round" stroke-linejoin="round"/><path d="M16 -100 H46 V-140" stroke="${t("#5aa35a")}" stroke-width="24" fill="none" stroke-linecap="round" stroke-linejoin="round"/></g>`;
      return `${pyramid}<path d="${hillPath(horizon, 50, random, 2)}" fill="${t("#f0c27a")}"${o}/>${oasis}<path d="${hillPath(horizon + 90, 40, random, 3)}" fill="${t("#e6ad5e")}"${o}/>${cactus(between(random, 40, 300), horizon + 100, 0.7)}${cactus(between(random, 700, 980), horizon + 130, 0.9)}`;
    }
    case "jungle": {
      const back = Array.from({ length: 8 }, (_, i) => roundTree(i * 140 + between(random, -20, 20), horizon + 20, between(random, 0.8, 1.1), t(i % 2 ? "#2f8f4f" : "#3a9a58"), "")).join("");
      const waterfall = variant % 3 === 1 ? `<path d="M${r1(between(random, 400, 600))} ${horizon - 300} h90 v340 h-90 Z" fill="#bfe9ff" opacity="0.9"/><ellipse cx="${512}" cy="${horizon + 50}" rx="200" ry="30" fill="#7cc4ff"/>` : "";
      const vines = Array.from({ length: 6 }, () => { const x = between(random, 0, W); const l = between(random, 160, 380); return `<path d="M${r1(x)} 0 Q${r1(x + 30)} ${r1(l / 2)} ${r1(x)} ${r1(l)}" stroke="${t("#3e8e4a")}" stroke-width="6" fill="none"/>${[0.4, 0.7, 1].map((f) => `<ellipse cx="${r1(x + 10)}" cy="${r1(l * f)}" rx="14" ry="7" fill="${t("#5cb874")}"/>`).join("")}`; }).join("");
      const flowers = Array.from({ length: 6 }, () => { const x = between(random, 0, W); const y = between(random, horizon + 60, W - 30); return `<g transform="translate(${r1(x)} ${r1(y)})">${[0, 72, 144, 216, 288].map((a) => `<ellipse cx="0" cy="-12" rx="7" ry="14" fill="#ef5f8f" transform="rotate(${a})"/>`).join("")}<circle r="6" fill="#f5c542"/></g>`; }).join("");
      return `${back}${waterfall}<path d="${hillPath(horizon + 30, 30, random, 3)}" fill="${t("#3e8e4a")}"${o}/>${windingPath(stage, t("#8a6a3a"))}${flowers}${vines}`;
    }
    case "farm": {
      const barnX = variant % 2 ? between(random, 120, 300) : between(random, 700, 880);
      const barn = `<g transform="translate(${r1(barnX)} ${horizon + 20}) scale(${variant % 3 === 2 ? 0.9 : 0.65})"><rect x="-100" y="-160" width="200" height="160" fill="${t("#c0392b")}"${o}/><path d="M-120 -156 L0 -250 L120 -156 Z" fill="${t("#8e2a20")}"${o}/><rect x="-40" y="-100" width="80" height="100" fill="#f3e6d0"/><path d="M-40 -100 L40 0 M40 -100 L-40 0" stroke="#c0392b" stroke-width="8"/><rect x="-20" y="-200" width="40" height="34" fill="#f3e6d0"/></g>`;
      const fields = [0, 1, 2, 3].map((i) => `<path d="M0 ${horizon - 10 + i * 22} Q512 ${horizon - 40 + i * 22} ${W} ${horizon - 10 + i * 22}" stroke="${t(i % 2 ? "#c9d86a" : "#a8c85a")}" stroke-width="22" fill="none"/>`).join("");
      const fence = Array.from({ length: 15 }, (_, i) => `<rect x="${i * 72}" y="${horizon + 30}" width="14" height="70" fill="${t("#f3e6d0")}"${o}/>`).join("") + `<rect y="${horizon + 44}" width="${W}" height="10" fill="${t("#f3e6d0")}"/><rect y="${horizon + 74}" width="${W}" height="10" fill="${t("#f3e6d0")}"/>`;
      const hay = variant % 3 === 1 ? [0, 1].map((i) => `<g transform="translate(${r1(between(random, 200, 800))} ${horizon + 150 + i * 40})"><ellipse cx="0" cy="-40" rx="56" ry="40" fill="#f0c860"${o}/><ellipse cx="-40" cy="-40" rx="18" ry="40" fill="#e0b040"/></g>`).join("") : "";
      return `<path d="${hillPath(horizon - 10, 50, random, 2)}" fill="${t("#a8d88a")}"${o}/>${fields}${barn}<path d="${hillPath(horizon + 60, 20, random, 3)}" fill="${t("#74c06b")}"/>${fence}${hay}${grass(stage, t("#5aa85a"), horizon + 120, W, 18)}`;
    }
    case "garden":
    case "park": {
      const fence = kind === "garden" ? Array.from({ length: 14 }, (_, i) => `<path d="M${i * 76} ${horizon + 70} V${horizon - 40} l15 -16 l15 16 V${horizon + 70} Z" fill="${t("#f3e6d0")}"${o}/>`).join("") + `<rect y="${horizon - 10}" width="${W}" height="12" fill="${t("#e6d6bc")}"/>` : "";
      const houseBack = kind === "garden" && variant % 3 === 0 ? cottage(between(random, 150, 870), horizon - 40, 1.5, t("#f3d9b1"), t("#c0452b"), o, night) : "";
      const trees = kind === "park" ? Array.from({ length: 4 }, () => roundTree(between(random, 0, W), horizon + between(random, 10, 40), between(random, 0.6, 0.9), t("#4fa868"), o)).join("") : roundTree(variant % 2 ? 120 : 900, horizon + 60, 1.1, t("#4fa868"), o, "#e04b4b");
      const pond = variant % 3 === 1 ? `<ellipse cx="${r1(between(random, 300, 720))}" cy="${horizon + 110}" rx="180" ry="40" fill="#5aa9e0"${o}/><ellipse cx="${r1(between(random, 320, 700))}" cy="${horizon + 104}" rx="26" ry="8" fill="#6dbb6a"/>` : "";
      const beds = Array.from({ length: 10 }, (_, i) => { const x = between(random, 0, W); const y = between(random, horizon + 70, W - 20); const c = ["#e04b4b", "#ef8fb5", "#f5c542", "#8c62c9"][i % 4]; return `<g transform="translate(${r1(x)} ${r1(y)})"><path d="M0 0 V-24" stroke="#3f8f4f" stroke-width="4"/>${[0, 90, 180, 270].map((a) => `<circle cx="${Math.round(Math.cos((a * Math.PI) / 180) * 7)}" cy="${Math.round(-30 + Math.sin((a * Math.PI) / 180) * 7)}" r="7" fill="${c}"/>`).join("")}<circle cy="-30" r="5" fill="#f5c542"/></g>`; }).join("");
      const bench = kind === "park" && variant % 3 === 2 ? `<g transform="translate(${r1(between(random, 150, 850))} ${horizon + 90})"><rect x="-80" y="-60" width="160" height="14" rx="4" fill="#a0612f"${o}/><rect x="-80" y="-36" width="160" height="12" rx="4" fill="#a0612f"${o}/><path d="M-70 -24 V0 M70 -24 V0" stroke="#3a3a4a" stroke-width="8"/></g>` : "";
      return `<path d="${hillPath(horizon - 20, 50, random, 2)}" fill="${t("#9ed68f")}"${o}/>${houseBack}${fence}${trees}<path d="${hillPath(horizon + 50, 20, random, 3)}" fill="${t("#78c46f")}"/>${kind === "park" ? windingPath(stage, t("#e8d4a8")) : ""}${pond}${bench}${beds}${grass(stage, t("#5aa85a"), horizon + 60, W, 14)}`;
    }
    case "village": {
      const houses = Array.from({ length: 4 }, (_, i) => cottage(120 + i * 260 + between(random, -40, 40), horizon + between(random, -10, 20), between(random, 0.7, 1), t(choose(random, ["#f3d9b1", "#f7e3c7", "#e8c8a8", "#dfe8f0"])), t(choose(random, ["#c0452b", "#4b5e8a", "#8a5a3a"])), o, night)).join("");
      const spire = `<g transform="translate(${r1(between(random, 200, 820))} ${horizon - 30})"><rect x="-30" y="-140" width="60" height="140" fill="${t("#e6dccc")}"${o}/><path d="M-36 -140 L0 -240 L36 -140 Z" fill="${t("#4b5e8a")}"${o}/><circle cx="0" cy="-100" r="14" fill="#fff"/></g>`;
      return `<path d="${hillPath(horizon - 40, 70, random, 2)}" fill="${t("#9ed68f")}"${o}/>${spire}${houses}<path d="${hillPath(horizon + 50, 20, random, 3)}" fill="${t("#7cc46f")}"/>${windingPath(stage, t("#d9c6a0"))}${grass(stage, t("#5aa85a"), horizon + 70, W, 12)}`;
    }
    case "forest": {
      if (variant % 4 === 3) {
        // Deep in the woods: tall trunks rise out of the page, light falls in pools.
        const trunks = Array.from({ length: 6 }, (_, i) => {
          const x = i * 190 + between(random, -30, 30);
          const w = between(random, 34, 70);
          return `<path d="M${r1(x - w / 2)} ${horizon + between(random, 30, 90)} Q${r1(x - w / 3)} ${horizon / 2} ${r1(x - w / 2.5)} -10 H${r1(x + w / 2.5)} Q${r1(x + w / 3)} ${horizon / 2} ${r1(x + w / 2)} ${horizon + 60} Z" fill="${t(i % 2 ? "#7a5134" : "#8a5f3c")}"${o}/>`;
        }).join("");
        const canopy = Array.from({ length: 9 }, (_, i) => `<circle cx="${i * 128}" cy="${r1(between(random, -30, 50))}" r="${r1(between(random, 110, 160))}" fill="${t(i % 2 ? "#2f7a3f" : "#3f9150")}"/>`).join("");
        const lit = stage.time !== "night";
        const pools = !lit ? "" : Array.from({ length: 4 }, () => `<ellipse cx="${r1(between(random, 80, 940))}" cy="${r1(between(random, horizon + 80, W - 40))}" rx="${r1(between(random, 60, 120))}" ry="18" fill="#fff3b0" opacity="0.35"/>`).join("");
        const rays = !lit ? "" : Array.from({ length: 3 }, () => { const x = between(random, 100, 900); return `<path d="M${r1(x)} 120 L${r1(x + 60)} 120 L${r1(x + 200)} ${horizon + 120} L${r1(x + 60)} ${horizon + 120} Z" fill="#fff6c4" opacity="0.18"/>`; }).join("");
        return `<rect width="${W}" height="${horizon + 60}" fill="${t("#6fae7a")}" opacity="0.55"/>${Array.from({ length: 10 }, (_, i) => pine(i * 110 + between(random, -20, 20), horizon + 20, between(random, 1, 1.5), t("#4f8f6a"), "")).join("")}${trunks}${canopy}<path d="${hillPath(horizon + 40, 20, random, 3)}" fill="${t("#4f9a50")}"${o}/>${rays}${pools}${grass(stage, t("#3f8f4f"), horizon + 60, W, 18)}`;
      }
      const far =
        variant % 4 === 1
          ? `<path d="${hillPath(horizon - 60, 110, random, 2)}" fill="${t("#8fb6c8")}"/>` + Array.from({ length: 8 }, (_, i) => pine(i * 140 + between(random, -20, 20), horizon + 10, between(random, 0.6, 0.9), t("#3f7f5a"), "")).join("")
          : Array.from({ length: 12 }, (_, i) => pine(i * 92 + between(random, -20, 20), horizon + 10, between(random, 0.8, 1.2), t("#3f7f5a"), "")).join("");
      const mid =
        variant % 4 === 1
          ? roundTree(between(random, 380, 640), horizon + 50, 1.6, t("#3f9150"), o) + `<g transform="translate(${r1(between(random, 100, 300))} ${horizon + 120})"><ellipse cx="0" cy="0" rx="40" ry="14" fill="#a0612f"${o}/><ellipse cx="0" cy="-4" rx="34" ry="10" fill="#e6c39c"/></g>`
          : Array.from({ length: 4 }, (_, i) => roundTree((i * W) / 4 + between(random, 40, 200), horizon + between(random, 30, 60), between(random, 0.8, 1.1), t(i % 2 ? "#2f7a3f" : "#3f9150"), o)).join("");
      const stream = variant % 4 === 2 ? `<path d="M-20 ${horizon + 90} Q300 ${horizon + 50} 600 ${horizon + 110} T${W + 20} ${horizon + 100} V${horizon + 150} Q700 ${horizon + 160} 500 ${horizon + 140} T-20 ${horizon + 140} Z" fill="#5aa9e0"/>` : "";
      const mushrooms = Array.from({ length: 4 }, () => { const x = between(random, 0, W); const y = between(random, horizon + 80, W - 30); return `<g transform="translate(${r1(x)} ${r1(y)})"><rect x="-5" y="-16" width="10" height="16" fill="#f7f4ee"/><path d="M-16 -14 Q0 -38 16 -14 Z" fill="#e04b4b"/><circle cx="-5" cy="-22" r="3" fill="#fff"/></g>`; }).join("");
      return `${far}<path d="${hillPath(horizon + 20, 30, random, 3)}" fill="${t("#5aa85a")}"${o}/>${mid}${variant % 4 === 0 ? windingPath(stage, t("#c9a66b")) : ""}${stream}${mushrooms}${grass(stage, t("#3f8f4f"), horizon + 60, W, 16)}`;
    }
    case "home":
    case "hills":
    default: {
      const far = `<path d="${hillPath(horizon - 40, 80, random, 2)}" fill="${t("#a8d8a0")}"${o}/>`;
      const trees = Array.from({ length: 3 }, () => roundTree(between(random, 0, W), horizon - 10 + between(random, 0, 30), between(random, 0.35, 0.6), t("#4fa868"), o)).join("");
      const windmill = variant % 3 === 1 ? `<g transform="translate(${r1(between(random, 150, 870))} ${horizon - 20})"><path d="M-24 0 L-14 -140 H14 L24 0 Z" fill="${t("#f3e6d0")}"${o}/><g transform="translate(0 -140) rotate(${Math.round(between(random, 0, 90))})" fill="${t("#c98f5a")}"><rect x="-6" y="-90" width="12" height="180"/><rect x="-90" y="-6" width="180" height="12"/></g></g>` : "";
      const pond = variant % 3 === 2 ? `<ellipse cx="${r1(between(random, 280, 740))}" cy="${horizon + 90}" rx="170" ry="36" fill="#5aa9e0"${o}/>` : "";
      return `${far}${windmill}${trees}<path d="${hillPath(horizon + 10, 40, random, 3)}" fill="${t("#8fd18a")}"${o}/>${variant % 3 === 0 ? windingPath(stage, t("#e8d4a8")) : ""}${pond}<path d="${hillPath(floor - 40, 20, random, 2)}" fill="${t("#7cc66f")}" opacity="0.8"/>${grass(stage, t("#5aa85a"), horizon + 40, W, 16)}`;
    }
  }
}

function palm(x: number, y: number, s: number, t: (hex: string) => string, outline: Outline) {
  const leaves = [-150, -110, -70, -30, 10].map((a) => `<path d="M0 -200 q60 -40 120 10 q-60 -20 -120 -10 Z" fill="${t("#3fae5a")}" transform="rotate(${a + 90} 0 -200)"/>`).join("");
  return `<g transform="translate(${r1(x)} ${r1(y)}) scale(${r1(s * 100) / 100})"><path d="M-8 0 Q-20 -100 0 -200 L10 -198 Q0 -100 10 0 Z" fill="${t("#a0763a")}"${outline}/>${leaves}<circle cx="-6" cy="-196" r="10" fill="#7a4a2a"/><circle cx="8" cy="-192" r="10" fill="#7a4a2a"/></g>`;
}

/** A room: wall, window onto the world outside, floor, rug and a few cosy things. */
function room(stage: Stage) {
  const { random, outline: o, time, variant } = stage;
  const night = time === "night";
  const wall = night ? choose(random, ["#f6e3c8", "#f5dde6", "#f3e0b8"]) : choose(random, ["#f6e3c8", "#dcebf5", "#e3f0d8", "#f5dde6"]);
  // At night a room is lamp-lit: warm and dim rather than grey.
  const dim = (hex: string) => (night ? mix(hex, "#6a4a5a", 0.32) : hex);
  const floorY = stage.floor - 150;
  const pattern = variant % 2
    ? Array.from({ length: 12 }, (_, i) => `<rect x="${i * 90}" y="0" width="40" height="${floorY}" fill="${shade(wall, 0.95)}"/>`).join("")
    : Array.from({ length: 40 }, (_, i) => `<circle cx="${(i % 8) * 136 + (Math.floor(i / 8) % 2) * 68 + 30}" cy="${Math.floor(i / 8) * 130 + 60}" r="8" fill="${shade(wall, 0.9)}"/>`).join("");
  const wx = stage.scene === "bedroom" ? 620 : choose(random, [170, 560]);
  const outside = worldOf(stage.kind) === "space" || night
    ? `<rect x="${wx}" y="150" width="260" height="240" fill="#1d2350"/>${[0, 1, 2, 3, 4, 5, 6].map((i) => `<circle cx="${wx + 20 + ((i * 67) % 230)}" cy="${170 + ((i * 53) % 200)}" r="3" fill="#fff8d8"/>`).join("")}${worldOf(stage.kind) === "water" ? "" : `<circle cx="${wx + 190}" cy="210" r="30" fill="#fff4c4"/><circle cx="${wx + 204}" cy="202" r="26" fill="#1d2350"/>`}`
    : `<rect x="${wx}" y="150" width="260" height="240" fill="${SKIES[time][0]}"/><path d="M${wx} 330 Q${wx + 130} 290 ${wx + 260} 330 V390 H${wx} Z" fill="#8fd18a"/>${cloud(wx + 100, 220, 0.5, "#fff")}`;
  const window = `${outside}<rect x="${wx}" y="150" width="260" height="240" fill="none" stroke="#fff" stroke-width="16"/><path d="M${wx + 130} 150 V390 M${wx} 270 H${wx + 260}" stroke="#fff" stroke-width="10"/>
<path d="M${wx - 40} 130 Q${wx - 20} 280 ${wx - 50} 420 H${wx + 20} Q${wx + 10} 280 ${wx + 30} 130 Z M${wx + 300} 130 Q${wx + 280} 280 ${wx + 310} 420 H${wx + 240} Q${wx + 250} 280 ${wx + 230} 130 Z" fill="${dim("#ef8fb5")}"${o}/><rect x="${wx - 60}" y="118" width="380" height="16" rx="8" fill="#a0612f"/>`;
  const frame = wx > 400 ? 150 : 720;
  const picture = `<rect x="${frame}" y="180" width="150" height="120" fill="#fff"${o}/><rect x="${frame + 12}" y="192" width="126" height="96" fill="#bfe3ff"/><path d="M${frame + 12} 288 L${frame + 60} 230 L${frame + 90} 260 L${frame + 112} 240 L${frame + 138} 288 Z" fill="#6dbb6a"/><circle cx="${frame + 110}" cy="214" r="12" fill="#ffd34d"/>`;
  const boards = Array.from({ length: 8 }, (_, i) => `<path d="M0 ${floorY + 20 + i * 26} H${W}" stroke="${dim("#b07a4f")}" stroke-width="3"/>`).join("");
  const rug = `<ellipse cx="${r1(between(random, 380, 640))}" cy="${stage.floor - 40}" rx="300" ry="60" fill="${dim(choose(random, ["#8c62c9", "#4fa868", "#e08a4a"]))}"/><ellipse cx="${r1(between(random, 380, 640))}" cy="${stage.floor - 40}" rx="240" ry="40" fill="none" stroke="#fff" stroke-width="6" stroke-dasharray="14 10" opacity="0.6"/>`;
  const lamp = night ? `<circle cx="${wx > 400 ? 140 : 880}" cy="${floorY - 80}" r="260" fill="#ffd98a" opacity="0.16"/><circle cx="${wx > 400 ? 140 : 880}" cy="${floorY - 80}" r="140" fill="#ffe48a" opacity="0.2"/>` : "";
  // A bookcase and a plant on the wall without the window.
  const bx = wx > 400 ? 60 : 800;
  const spines = [0, 1, 2].map((row) => Array.from({ length: 7 }, (_, i) => `<rect x="${bx + 14 + i * 22}" y="${floorY - 250 + row * 80}" width="18" height="${56 + ((i * 7 + row * 3) % 4) * 4}" rx="3" fill="${dim(["#e04b4b", "#4b7fd6", "#f5c542", "#4fa868", "#8c62c9", "#ef8fb5", "#f08a3c"][(i + row * 2) % 7]!)}"/>`).join("")).join("");
  const shelf = `<rect x="${bx}" y="${floorY - 270}" width="180" height="270" rx="8" fill="${dim("#a0612f")}"${o}/>${[0, 1, 2].map((row) => `<rect x="${bx + 8}" y="${floorY - 262 + row * 80}" width="164" height="72" fill="${dim("#7a4a2a")}"/>`).join("")}${spines}
<g transform="translate(${wx > 400 ? 300 : 720} ${floorY + 10})"><path d="M-30 0 L-24 -60 H24 L30 0 Z" fill="${dim("#c0692f")}"${o}/>${[-40, -10, 20, 50].map((a) => `<ellipse cx="0" cy="-110" rx="16" ry="50" fill="${dim("#4fa868")}" transform="rotate(${a} 0 -60)"/>`).join("")}</g>`;
  return `<rect width="${W}" height="${W}" fill="${dim(wall)}"/>${pattern}${window}${picture}${shelf}<rect y="${floorY}" width="${W}" height="${W - floorY}" fill="${dim("#d9a877")}"/><rect y="${floorY - 14}" width="${W}" height="16" fill="${dim("#f7f4ee")}"/>${boards}${rug}${lamp}`;
}

/** Inside a cave: rock all round, glowing crystals, light at the far opening. */
function cave(stage: Stage) {
  const { random, outline: o, horizon, floor } = stage;
  const stalactites = Array.from({ length: 9 }, (_, i) => { const x = i * 120 + between(random, -20, 20); const l = between(random, 60, 160); return `<path d="M${r1(x - 34)} 0 L${r1(x)} ${r1(l)} L${r1(x + 34)} 0 Z" fill="#3a2e40"/>`; }).join("");
  const crystals = Array.from({ length: 5 }, () => { const x = between(random, 40, 980); const y = between(random, horizon + 40, floor); const c = choose(random, ["#7ff0e0", "#c9a0ff", "#9fd0ff"]); return `<circle cx="${r1(x)}" cy="${r1(y - 30)}" r="50" fill="${c}" opacity="0.15"/><path d="M${r1(x)} ${r1(y)} l-16 -56 l16 -28 l16 28 Z M${r1(x + 18)} ${r1(y)} l-8 -34 l8 -16 l8 16 Z" fill="${c}"/>`; }).join("");
  const exitX = between(random, 300, 720);
  return `<rect width="${W}" height="${W}" fill="#2a2030"/><ellipse cx="${r1(exitX)}" cy="${horizon - 40}" rx="140" ry="180" fill="#ffe9b0" opacity="0.85"/><ellipse cx="${r1(exitX)}" cy="${horizon - 40}" rx="220" ry="260" fill="#ffe9b0" opacity="0.15"/>
<path d="M0 0 H${W} V${horizon + 60} Q${W - 120} ${horizon - 300} ${r1(exitX + 160)} ${horizon - 260} Q${r1(exitX)} ${horizon - 340} ${r1(exitX - 160)} ${horizon - 260} Q120 ${horizon - 300} 0 ${horizon + 60} Z" fill="#4a3c52"${o}/>${stalactites}
<path d="M0 ${horizon + 40} Q512 ${horizon - 20} ${W} ${horizon + 40} V${W} H0 Z" fill="#5a4a4a"/>${crystals}`;
}

/** Things in front of everyone, framing the page edges (leaves, seaweed, rocks). */
export function foreground(stage: Stage): string {
  const { kind, random, outline: o, scene } = stage;
  if (scene !== "outdoor") return "";
  const t = toner(stage.time);
  const side = stage.variant % 2 === 0 ? 0 : 1;
  const x = side ? W + 10 : -10;
  const flip = side ? -1 : 1;
  const corner = (content: string) => `<g transform="translate(${x} ${W + 10}) scale(${flip} 1)">${content}</g>`;
  switch (kind) {
    case "underwater":
      return [0, 1].map((s) => `<g transform="translate(${s ? W + 20 : -20} ${W}) scale(${s ? -1 : 1} 1)">${[0, 40, 80].map((dx, i) => `<path d="M${dx} 20 q-30 -80 0 -160 q30 -80 0 ${-160 - i * 40}" stroke="${["#2e9c6a", "#3fae7a", "#58c08a"][i]}" stroke-width="${22 - i * 4}" fill="none" stroke-linecap="round"/>`).join("")}</g>`).join("");
    case "space":
      return corner(`<path d="M0 0 V-90 Q60 -130 130 -90 Q190 -110 220 -40 V0 Z" fill="#8a84a6"${o}/><circle cx="90" cy="-60" r="14" fill="#6f6990"/>`);
    case "forest":
    case "jungle": {
      const leaf = t(kind === "jungle" ? "#2f8f4f" : "#3a8a4a");
      return corner([-40, -10, 20, 50].map((a, i) => `<path d="M0 0 Q${60 + i * 20} -140 ${10 + i * 30} -260 Q${-30 + i * 10} -140 0 0 Z" fill="${i % 2 ? leaf : shade(leaf, 1.15)}" transform="rotate(${a})"${o}/>`).join(""));
    }
    case "snow":
      return corner(pine(90, 0, 1.4, t("#2f6f4f"), o, true));
    case "seaside":
    case "island":
      return corner([0, 20, 40, 60].map((dx) => `<path d="M${dx} 0 Q${dx + 10} -80 ${dx + 40 + between(random, -10, 20)} -140" stroke="${t("#b8a85a")}" stroke-width="8" fill="none" stroke-linecap="round"/>`).join(""));
    case "desert":
      return "";
    case "city":
      return "";
    case "farm":
      return corner(`<g transform="translate(60 0)"><path d="M0 0 V-220" stroke="#3f8f4f" stroke-width="10"/>${Array.from({ length: 12 }, (_, i) => `<ellipse cx="0" cy="-270" rx="14" ry="34" fill="#f5c542" transform="rotate(${i * 30} 0 -230)"/>`).join("")}<circle cx="0" cy="-230" r="30" fill="#7a4a2a"/></g>`);
    default:
      return corner(bush(60, 0, 1.6, t("#4a9a52"), o) + `<g transform="translate(140 -20)">${[0, 72, 144, 216, 288].map((a) => `<circle cx="${Math.round(Math.cos((a * Math.PI) / 180) * 12)}" cy="${Math.round(Math.sin((a * Math.PI) / 180) * 12)}" r="11" fill="#ef8fb5"/>`).join("")}<circle r="8" fill="#f5c542"/></g>`);
  }
}

/** Rain, snow, wind and storms over everything. */
export function weatherLayer(stage: Stage): string {
  const { weather, random } = stage;
  if (!weather || stage.scene !== "outdoor" || worldOf(stage.kind) !== "land") return "";
  if (weather === "snow") return Array.from({ length: 70 }, () => `<circle cx="${Math.round(random() * W)}" cy="${Math.round(random() * W)}" r="${r1(between(random, 3, 8))}" fill="#fff" opacity="0.9"/>`).join("");
  if (weather === "rain" || weather === "storm") {
    return Array.from({ length: 80 }, () => { const x = random() * W; const y = random() * W; return `<path d="M${r1(x)} ${r1(y)} l-8 26" stroke="#d6e8ff" stroke-width="3" stroke-linecap="round" opacity="0.8"/>`; }).join("");
  }
  return "";
}

/** Creatures who live in each setting, for pages that need a little life. */
export function ambientKinds(kind: SettingKind, scene: Stage["scene"]): string[] {
  if (scene === "cave") return [];
  if (scene !== "outdoor") return ["cat", "mouse"];
  const table: Partial<Record<SettingKind, string[]>> = {
    underwater: ["fish", "crab", "starfish", "jellyfish", "octopus", "tortoise", "seahorse", "whale"],
    space: ["alien", "robot"],
    forest: ["squirrel", "hedgehog", "bird", "bunny", "fox", "owl", "butterfly"],
    jungle: ["parrot", "monkey", "frog", "butterfly", "tiger", "elephant"],
    seaside: ["crab", "starfish", "bird", "duck"],
    island: ["crab", "parrot", "tortoise", "starfish"],
    farm: ["chicken", "sheep", "cow", "duck", "pony"],
    city: ["bird", "dog", "cat"],
    village: ["cat", "duck", "bird", "dog"],
    snow: ["penguin", "bunny", "fox", "bird"],
    castle: ["pony", "bird", "duck"],
    garden: ["butterfly", "bee", "snail", "ladybird", "bird", "hedgehog"],
    park: ["duck", "squirrel", "dog", "bird"],
    desert: ["bird", "tortoise"],
  };
  return table[kind] ?? ["bunny", "bird", "butterfly", "sheep"];
}
