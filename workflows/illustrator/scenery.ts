import { seededUnit } from "../agents/offline/seeded";
import type { TimeOfDay } from "./palette";
import type { Outline } from "./figures";

const W = 1024;

function rand(seed: string, i: number) {
  return seededUnit(seed, i);
}

function tree(x: number, y: number, s: number, green: string, outline: Outline) {
  return `<g transform="translate(${x} ${y}) scale(${s})"><rect x="-10" y="-70" width="20" height="70" fill="#7a5134"${outline}/><circle cx="0" cy="-110" r="52" fill="${green}"${outline}/><circle cx="-34" cy="-86" r="34" fill="${green}"/><circle cx="34" cy="-86" r="34" fill="${green}"/></g>`;
}

function pine(x: number, y: number, s: number, colour: string, outline: Outline) {
  return `<g transform="translate(${x} ${y}) scale(${s})"><rect x="-8" y="-30" width="16" height="30" fill="#6b4a30"/><path d="M0 -190 L60 -30 L-60 -30 Z" fill="${colour}"${outline}/></g>`;
}

function flower(x: number, y: number, colour: string) {
  return `<g transform="translate(${x} ${y})"><path d="M0 0 V-26" stroke="#3f8f4f" stroke-width="4"/><circle cx="0" cy="-32" r="9" fill="${colour}"/><circle cx="0" cy="-32" r="4" fill="#f5c542"/></g>`;
}

/** The sky: a gradient for the time of day, with sun, moon and stars. */
export function sky(time: TimeOfDay, colours: [string, string], seed: string) {
  const [top, bottom] = colours;
  const stars =
    time === "night"
      ? Array.from({ length: 40 }, (_, i) => `<circle cx="${Math.round(rand(seed, i) * W)}" cy="${Math.round(rand(seed, i + 100) * 520)}" r="${(1.5 + rand(seed, i + 200) * 2.5).toFixed(1)}" fill="#fff8d8" opacity="${(0.5 + rand(seed, i + 300) * 0.5).toFixed(2)}"/>`).join("")
      : "";
  const light =
    time === "night"
      ? `<circle cx="820" cy="170" r="56" fill="#fff4c4"/><circle cx="842" cy="156" r="50" fill="${top}"/>`
      : time === "sunset"
        ? `<circle cx="760" cy="470" r="90" fill="#ffcf6b" opacity="0.9"/>`
        : `<circle cx="${time === "morning" ? 200 : 800}" cy="${time === "morning" ? 240 : 170}" r="70" fill="#ffd34d"/><circle cx="${time === "morning" ? 200 : 800}" cy="${time === "morning" ? 240 : 170}" r="96" fill="#ffd34d" opacity="0.25"/>`;
  const clouds =
    time === "night"
      ? ""
      : [0, 1, 2]
          .map((i) => {
            const cx = Math.round(120 + rand(seed, i + 400) * 780);
            const cy = Math.round(90 + rand(seed, i + 500) * 200);
            return `<g fill="#fff" opacity="0.85"><ellipse cx="${cx}" cy="${cy}" rx="70" ry="26"/><ellipse cx="${cx + 40}" cy="${cy - 16}" rx="44" ry="26"/><ellipse cx="${cx - 36}" cy="${cy - 10}" rx="36" ry="22"/></g>`;
          })
          .join("");
  return `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>
<rect width="${W}" height="${W}" fill="url(#sky)"/>${stars}${light}${clouds}`;
}

/** The world behind the hero, chosen by the setting's words. */
export function scenery(setting: string, time: TimeOfDay, seed: string, outline: Outline) {
  const s = setting.toLowerCase();
  const dusk = time === "night" ? 0.55 : time === "sunset" ? 0.8 : 1;
  const shade = (hex: string) => {
    const n = parseInt(hex.slice(1), 16);
    const f = (c: number) => Math.round(c * dusk).toString(16).padStart(2, "0");
    return `#${f(n >> 16)}${f((n >> 8) & 255)}${f(n & 255)}`;
  };
  if (/space|moon|planet/.test(s)) {
    return `<circle cx="220" cy="260" r="90" fill="#e58bb5"${outline}/><ellipse cx="220" cy="260" rx="150" ry="24" fill="none" stroke="#f5c542" stroke-width="10"/>
<circle cx="860" cy="420" r="40" fill="#7cc4ff"/><path d="M0 860 Q512 700 1024 860 V1024 H0 Z" fill="#b8b4c8"${outline}/>
<circle cx="300" cy="900" r="30" fill="#a09cb2"/><circle cx="720" cy="930" r="44" fill="#a09cb2"/><circle cx="560" cy="860" r="18" fill="#a09cb2"/>`;
  }
  if (/under the sea/.test(s)) {
    const bubbles = Array.from({ length: 16 }, (_, i) => `<circle cx="${Math.round(rand(seed, i + 40) * W)}" cy="${Math.round(100 + rand(seed, i + 60) * 700)}" r="${Math.round(6 + rand(seed, i + 80) * 12)}" fill="none" stroke="#e6fbff" stroke-width="3" opacity="0.7"/>`).join("");
    return `<rect width="${W}" height="${W}" fill="#2e7fb8" opacity="0.75"/>${bubbles}<path d="M0 860 Q300 800 560 860 T1024 850 V1024 H0 Z" fill="#e9d39a"${outline}/>
<path d="M120 860 Q100 760 140 700 Q160 780 150 860 Z" fill="#3fae7a"/><path d="M880 860 Q860 740 910 690 Q930 780 905 860 Z" fill="#3fae7a"/><path d="M760 860 Q740 800 780 760 Q800 810 785 860 Z" fill="#ef8fb5"/>`;
  }
  if (/seaside|beach|island|sea\b|coast/.test(s)) {
    return `<rect y="600" width="${W}" height="200" fill="${shade("#3d8fd1")}"/><path d="M0 610 Q64 596 128 610 T256 610 T384 610 T512 610 T640 610 T768 610 T896 610 T1024 610" stroke="#e6f6ff" stroke-width="6" fill="none"/>
<path d="M0 760 Q512 700 1024 760 V1024 H0 Z" fill="${shade("#f2d58e")}"${outline}/><path d="M840 600 L860 470 L880 600 Z" fill="#fff"${outline}/><path d="M820 600 H900 L880 620 H840 Z" fill="#e04b4b"/>
<g transform="translate(150 860)"><path d="M0 0 L40 -10 L80 0 Z" fill="#f08a3c"/></g>`;
  }
  if (/city|town|village/.test(s)) {
    const houses = [0, 1, 2, 3, 4, 5]
      .map((i) => {
        const x = i * 175 - 10;
        const h = 220 + Math.round(rand(seed, i + 700) * 220);
        const colour = ["#e8a87c", "#c38d9e", "#85cdca", "#e27d60", "#f3d250", "#90ccf4"][i];
        const windows = Array.from({ length: 6 }, (_, j) => `<rect x="${x + 30 + (j % 2) * 70}" y="${760 - h + 40 + Math.floor(j / 2) * 70}" width="36" height="40" fill="${time === "night" ? "#ffe48a" : "#fff"}" opacity="0.9"/>`).join("");
        return `<rect x="${x}" y="${760 - h}" width="160" height="${h}" fill="${shade(colour ?? "#e8a87c")}"${outline}/>${windows}`;
      })
      .join("");
    return `${houses}<rect y="760" width="${W}" height="264" fill="${shade("#9a9a9a")}"/><rect y="740" width="${W}" height="24" fill="${shade("#c9c4bd")}"/>`;
  }
  if (/snow|mountain/.test(s)) {
    return `<path d="M-50 760 L250 300 L520 760 Z" fill="${shade("#8fa6c8")}"${outline}/><path d="M250 300 L310 392 L280 380 L250 410 L215 378 L190 392 Z" fill="#fff"/>
<path d="M380 760 L700 260 L1060 760 Z" fill="${shade("#7c94b8")}"${outline}/><path d="M700 260 L770 368 L730 352 L700 380 L660 350 L630 368 Z" fill="#fff"/>
<path d="M0 740 Q512 680 1024 740 V1024 H0 Z" fill="#f4f7fb"${outline}/>${pine(120, 820, 0.9, shade("#2f6f4f"), outline)}${pine(900, 830, 1.1, shade("#2f6f4f"), outline)}`;
  }
  if (/castle|kingdom/.test(s)) {
    return `<path d="M0 760 Q300 620 600 720 T1024 700 V1024 H0 Z" fill="${shade("#6dbb6a")}"${outline}/>
<g transform="translate(620 700)" fill="${shade("#c9bfd8")}"><rect x="-120" y="-220" width="240" height="220"${outline}/><rect x="-170" y="-300" width="80" height="300"${outline}/><rect x="90" y="-300" width="80" height="300"${outline}/>
<path d="M-180 -300 L-130 -370 L-80 -300 Z M80 -300 L130 -370 L180 -300 Z" fill="#e04b4b"/><path d="M-30 0 V-80 Q0 -110 30 -80 V0 Z" fill="#6b4a30"/><path d="M130 -370 V-410 L165 -398 L130 -386" fill="#f5c542"/></g>`;
  }
  if (/desert/.test(s)) {
    return `<path d="M0 700 Q300 620 620 700 T1024 680 V1024 H0 Z" fill="${shade("#f0c27a")}"${outline}/><path d="M0 820 Q400 760 1024 840 V1024 H0 Z" fill="${shade("#e6ad5e")}"/>
<g transform="translate(820 760)" fill="${shade("#5aa35a")}"><rect x="-14" y="-140" width="28" height="140" rx="14"/><rect x="-50" y="-100" width="22" height="60" rx="11"/><rect x="28" y="-120" width="22" height="70" rx="11"/></g>`;
  }
  if (/jungle|rainforest/.test(s)) {
    const leaves = Array.from({ length: 10 }, (_, i) => `<ellipse cx="${Math.round(rand(seed, i + 900) * W)}" cy="${Math.round(rand(seed, i + 950) * 260)}" rx="90" ry="34" fill="${shade(i % 2 ? "#2f8f4f" : "#46a86a")}" transform="rotate(${Math.round(rand(seed, i + 990) * 60 - 30)} ${Math.round(rand(seed, i + 900) * W)} ${Math.round(rand(seed, i + 950) * 260)})"/>`).join("");
    return `${leaves}<path d="M0 740 Q512 690 1024 740 V1024 H0 Z" fill="${shade("#3e8e4a")}"${outline}/>${tree(110, 760, 1.4, shade("#2f7a3f"), outline)}${tree(930, 770, 1.6, shade("#2f7a3f"), outline)}`;
  }
  if (/garden|park|yard|farm|home/.test(s)) {
    const flowers = Array.from({ length: 12 }, (_, i) => flower(Math.round(40 + rand(seed, i + 600) * 940), Math.round(820 + rand(seed, i + 650) * 160), ["#e04b4b", "#ef8fb5", "#f5c542", "#8c62c9"][i % 4] ?? "#e04b4b")).join("");
    const fence = Array.from({ length: 14 }, (_, i) => `<rect x="${i * 76}" y="640" width="30" height="120" rx="6" fill="${shade("#f3e6d0")}"${outline}/>`).join("");
    const barn = /farm/.test(s) ? `<g transform="translate(800 640)"><rect x="-90" y="-140" width="180" height="140" fill="${shade("#c0392b")}"${outline}/><path d="M-110 -140 L0 -220 L110 -140 Z" fill="${shade("#8e2a20")}"/><rect x="-30" y="-70" width="60" height="70" fill="#f3e6d0"/></g>` : "";
    return `${barn}${fence}<rect x="0" y="690" width="${W}" height="14" fill="${shade("#f3e6d0")}"/><path d="M0 760 Q512 720 1024 760 V1024 H0 Z" fill="${shade("#74c06b")}"${outline}/>${flowers}`;
  }
  // Forests, and the rolling hills every other story gets.
  const forest = /forest|wood/.test(s);
  const trees = forest
    ? [80, 260, 760, 930].map((x, i) => tree(x, 770 + (i % 2) * 20, 1.3 + rand(seed, i + 800) * 0.5, shade(i % 2 ? "#2f7a3f" : "#3f9150"), outline)).join("") +
      `<circle cx="420" cy="860" r="10" fill="#e04b4b"/><rect x="416" y="860" width="8" height="16" fill="#f7f4ee"/><circle cx="640" cy="900" r="8" fill="#e04b4b"/><rect x="637" y="900" width="6" height="12" fill="#f7f4ee"/>`
    : tree(860, 760, 1.2, shade("#3f9150"), outline);
  return `<path d="M0 720 Q250 620 520 700 T1024 690 V1024 H0 Z" fill="${shade("#8fd18a")}"${outline}/><path d="M0 800 Q400 740 1024 800 V1024 H0 Z" fill="${shade("#6dbb6a")}"/>${trees}`;
}
