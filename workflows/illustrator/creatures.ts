import { drawHero, type Outline } from "./figures";
import { shade, type HeroLook } from "./palette";

/**
 * Animals and beings, drawn facing right with their feet at the origin.
 * Companions and the creatures a beat mentions share these drawings, so a
 * pony looks like the same pony wherever it appears.
 */
export type Mood = "happy" | "grumpy" | "sad" | "sleep" | "surprised";

export interface CreatureOptions {
  outline: Outline;
  mood: Mood;
  /** The main body colour; each kind has its own default. */
  colour?: string;
}

const INK = "#2b1d16";

function eye(x: number, y: number, r: number, mood: Mood) {
  if (mood === "sleep") return `<path d="M${x - r} ${y} Q${x} ${y + r} ${x + r} ${y}" stroke="${INK}" stroke-width="${Math.max(2.5, r * 0.6)}" fill="none" stroke-linecap="round"/>`;
  const brow =
    mood === "grumpy"
      ? `<path d="M${x - r * 1.5} ${y - r * 2.1} L${x + r * 1.3} ${y - r * 1.1}" stroke="${INK}" stroke-width="${Math.max(2.5, r * 0.55)}" stroke-linecap="round"/>`
      : mood === "sad"
        ? `<path d="M${x - r * 1.4} ${y - r * 1.2} L${x + r * 1.2} ${y - r * 2}" stroke="${INK}" stroke-width="${Math.max(2.5, r * 0.5)}" stroke-linecap="round"/>`
        : "";
  const size = mood === "surprised" ? 1.25 : 1;
  return `<ellipse cx="${x}" cy="${y}" rx="${r * size}" ry="${r * 1.2 * size}" fill="${INK}"/><circle cx="${x + r * 0.35}" cy="${y - r * 0.45}" r="${r * 0.38}" fill="#fff"/>${brow}`;
}

function smile(x: number, y: number, w: number, mood: Mood) {
  if (mood === "grumpy" || mood === "sad") return `<path d="M${x - w} ${y + w * 0.4} Q${x} ${y - w * 0.5} ${x + w} ${y + w * 0.4}" stroke="${INK}" stroke-width="${Math.max(2.5, w * 0.3)}" fill="none" stroke-linecap="round"/>`;
  if (mood === "surprised") return `<ellipse cx="${x}" cy="${y}" rx="${w * 0.4}" ry="${w * 0.5}" fill="#8a2f2f"/>`;
  return `<path d="M${x - w} ${y} Q${x} ${y + w} ${x + w} ${y}" stroke="${INK}" stroke-width="${Math.max(2.5, w * 0.3)}" fill="none" stroke-linecap="round"/>`;
}

function blush(x: number, y: number, r: number) {
  return `<circle cx="${x}" cy="${y}" r="${r}" fill="#ff7a7a" opacity="0.35"/>`;
}

function legsOf(xs: number[], top: number, width: number, colour: string, outline: Outline, hoof?: string) {
  return xs
    .map(
      (x) =>
        `<rect x="${x - width / 2}" y="${top}" width="${width}" height="${-top}" rx="${width / 2.2}" fill="${colour}"${outline}/>${hoof ? `<rect x="${x - width / 2}" y="-9" width="${width}" height="9" rx="3" fill="${hoof}"/>` : ""}`,
    )
    .join("");
}

type Draw = (o: CreatureOptions) => string;

const cat: Draw = ({ outline: o, mood, colour = "#f0a860" }) => {
  const d = shade(colour, 0.8);
  return `<path d="M-40 -40 Q-80 -60 -66 -104" stroke="${colour}" stroke-width="11" fill="none" stroke-linecap="round"/>${legsOf([-26, -10, 18, 32], -30, 12, colour, o)}
<ellipse cx="0" cy="-42" rx="46" ry="26" fill="${colour}"${o}/><path d="M-20 -62 q6 14 0 28 M-4 -66 q6 14 0 30" stroke="${d}" stroke-width="5" fill="none"/>
<path d="M22 -94 L26 -124 L44 -104 Z M58 -104 L70 -126 L72 -94 Z" fill="${colour}"${o}/><circle cx="46" cy="-82" r="30" fill="${colour}"${o}/>
${eye(38, -86, 4.5, mood)}${eye(58, -86, 4.5, mood)}<path d="M46 -74 l-4 -4 h8 Z" fill="#e06b6b"/>${smile(46, -70, 5, mood)}
<path d="M60 -74 h18 M60 -70 l16 4 M32 -74 h-18 M32 -70 l-16 4" stroke="${d}" stroke-width="2"/>`;
};

const dog: Draw = ({ outline: o, mood, colour = "#c98f5a" }) => {
  const d = shade(colour, 0.65);
  return `<path d="M-44 -52 Q-66 -74 -60 -100" stroke="${colour}" stroke-width="11" fill="none" stroke-linecap="round"/>${legsOf([-30, -14, 20, 36], -34, 14, colour, o)}
<ellipse cx="0" cy="-48" rx="50" ry="28" fill="${colour}"${o}/><ellipse cx="-14" cy="-56" rx="16" ry="12" fill="${d}" opacity="0.6"/>
<circle cx="46" cy="-92" r="31" fill="${colour}"${o}/><ellipse cx="72" cy="-80" rx="20" ry="14" fill="${shade(colour, 1.3)}"${o}/><ellipse cx="88" cy="-86" rx="7" ry="5.5" fill="${INK}"/>
<ellipse cx="26" cy="-90" rx="12" ry="26" fill="${d}" transform="rotate(18 26 -90)"${o}/>${eye(50, -100, 4.5, mood)}${eye(66, -100, 4.5, mood)}
${smile(74, -72, 6, mood)}<path d="M22 -70 Q40 -60 56 -66" stroke="#e04b4b" stroke-width="6" fill="none"/><circle cx="40" cy="-61" r="4" fill="#f5c542"/>`;
};

/** A stocky pony: short legs, big head, thick mane and tail, hooves. */
function ponyBody({ outline: o, mood, colour = "#b9774a" }: CreatureOptions, mane: string, horn: boolean) {
  const d = shade(colour, 0.82);
  return `<path d="M-58 -96 Q-96 -80 -82 -20 Q-70 -40 -66 -60 Q-62 -40 -56 -30 Q-60 -70 -50 -90 Z" fill="${mane}"${o}/>
${legsOf([-42, -22], -64, 21, d, o, INK)}<path d="M26 -104 Q40 -156 62 -176 L98 -160 Q80 -124 66 -86 Z" fill="${colour}"${o}/><ellipse cx="-4" cy="-90" rx="68" ry="42" fill="${colour}"${o}/>${legsOf([22, 44], -64, 21, colour, o, INK)}
<path d="M54 -182 Q70 -200 92 -186 L126 -146 Q134 -128 118 -120 Q102 -114 88 -124 L56 -150 Q44 -166 54 -182 Z" fill="${colour}"${o}/>
<ellipse cx="116" cy="-132" rx="16" ry="13" fill="${shade(colour, 1.25)}"${o}/><circle cx="120" cy="-134" r="2.8" fill="${INK}"/>
<path d="M64 -184 L62 -210 L78 -190 Z M74 -186 L80 -208 L86 -184 Z" fill="${colour}"${o}/>
<path d="M62 -192 Q34 -176 30 -140 Q26 -118 20 -100 Q36 -104 42 -120 Q44 -100 54 -96 Q52 -130 60 -150 Q66 -170 78 -184 Z" fill="${mane}"${o}/><path d="M62 -192 Q86 -194 92 -174 Q80 -180 70 -172 Q72 -182 62 -192 Z" fill="${mane}"${o}/>
${horn ? `<path d="M74 -196 L92 -242 L88 -192 Z" fill="#f5c542"${o}/><path d="M78 -206 L90 -210 M80 -218 L90 -222" stroke="#e0a020" stroke-width="2"/>` : ""}
${eye(88, -162, 5.5, mood)}${blush(98, -146, 7)}${smile(122, -122, 5, mood)}`;
}

const pony: Draw = (opts) => ponyBody({ ...opts, colour: opts.colour ?? "#b9774a" }, shade(opts.colour ?? "#b9774a", 0.55), false);
const unicorn: Draw = (opts) =>
  `<defs><linearGradient id="mane" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ef8fb5"/><stop offset="0.5" stop-color="#9b7bd1"/><stop offset="1" stop-color="#6fc3e8"/></linearGradient></defs>${ponyBody({ ...opts, colour: opts.colour ?? "#fbf7ff" }, "url(#mane)", true)}`;

/** A friendly dragon: round belly, little wings, a smile and a puff of smoke. */
const dragon: Draw = ({ outline: o, mood, colour = "#5cbf7a" }) => {
  const belly = shade(colour, 1.45);
  const wing = shade(colour, 1.25);
  const spikes = [[-54, -120], [-34, -150], [-8, -170], [20, -176]]
    .map(([x, y]) => `<path d="M${x! - 12} ${y! + 8} L${x} ${y! - 18} L${x! + 12} ${y! + 6} Z" fill="#f5a742"${o}/>`)
    .join("");
  return `<path d="M-50 -40 Q-110 -30 -130 -80 Q-120 -60 -100 -60" stroke="${colour}" stroke-width="22" fill="none" stroke-linecap="round"/><path d="M-138 -96 L-122 -74 L-146 -70 Z" fill="#f5a742"${o}/>
<path d="M-20 -130 Q-90 -220 -120 -150 Q-96 -160 -90 -130 Q-70 -150 -60 -116 Z" fill="${wing}"${o}/>${spikes}
${legsOf([-30, 30], -40, 26, colour, o)}<ellipse cx="0" cy="-80" rx="62" ry="64" fill="${colour}"${o}/><ellipse cx="12" cy="-66" rx="38" ry="44" fill="${belly}"/>
<path d="M-14 -92 H38 M-18 -70 H44 M-14 -48 H38" stroke="${shade(belly, 0.9)}" stroke-width="4"/>
<path d="M20 -140 Q30 -190 70 -190 Q120 -188 124 -156 Q126 -128 92 -126 Q50 -124 20 -140 Z" fill="${colour}"${o}/>
<path d="M50 -184 L46 -212 L64 -188 Z M78 -188 L84 -214 L92 -186 Z" fill="#f5a742"${o}/>
${eye(72, -164, 7, mood)}${blush(92, -146, 9)}<circle cx="114" cy="-158" r="3" fill="${INK}"/><circle cx="104" cy="-160" r="3" fill="${INK}"/>${smile(98, -140, 9, mood)}
<path d="M-6 -120 Q-40 -110 -44 -76" stroke="${colour}" stroke-width="16" fill="none" stroke-linecap="round"/><path d="M46 -110 Q70 -96 64 -76" stroke="${colour}" stroke-width="16" fill="none" stroke-linecap="round"/>
${mood === "grumpy" ? `<g fill="#9c9a98" opacity="0.8"><circle cx="138" cy="-168" r="10"/><circle cx="154" cy="-182" r="13"/></g>` : `<g fill="#fff" opacity="0.85"><circle cx="140" cy="-168" r="8"/><circle cx="154" cy="-184" r="11"/><circle cx="172" cy="-200" r="8"/></g>`}`;
};

const dinosaur: Draw = ({ outline: o, mood, colour = "#8cc063" }) => {
  const spots = shade(colour, 0.8);
  return `<path d="M-60 -70 Q-130 -60 -160 -20 Q-110 -40 -60 -44 Z" fill="${colour}"${o}/>${legsOf([-40, -18], -50, 24, shade(colour, 0.85), o)}
<ellipse cx="0" cy="-80" rx="74" ry="48" fill="${colour}"${o}/>${legsOf([22, 46], -50, 24, colour, o)}
<path d="M40 -110 Q60 -200 100 -226 L124 -208 Q90 -180 78 -100 Z" fill="${colour}"${o}/><ellipse cx="120" cy="-222" rx="32" ry="22" fill="${colour}"${o}/>
<circle cx="-20" cy="-100" r="10" fill="${spots}"/><circle cx="10" cy="-110" r="7" fill="${spots}"/><circle cx="-40" cy="-78" r="7" fill="${spots}"/><circle cx="20" cy="-84" r="8" fill="${spots}"/>
${eye(126, -230, 5, mood)}${smile(136, -214, 6, mood)}${blush(132, -218, 6)}`;
};

const bear: Draw = ({ outline: o, mood, colour = "#b07a4f" }) => {
  const light = shade(colour, 1.4);
  return `${legsOf([-20, 20], -40, 28, colour, o)}<ellipse cx="0" cy="-66" rx="44" ry="44" fill="${colour}"${o}/><ellipse cx="0" cy="-60" rx="26" ry="28" fill="${light}"/>
<path d="M-40 -86 Q-62 -70 -52 -48 M40 -86 Q62 -70 52 -48" stroke="${colour}" stroke-width="20" fill="none" stroke-linecap="round"/>
<circle cx="-28" cy="-150" r="14" fill="${colour}"${o}/><circle cx="28" cy="-150" r="14" fill="${colour}"${o}/><circle cx="-28" cy="-150" r="7" fill="${light}"/><circle cx="28" cy="-150" r="7" fill="${light}"/>
<circle cx="0" cy="-122" r="38" fill="${colour}"${o}/><ellipse cx="0" cy="-110" rx="16" ry="12" fill="${light}"/><ellipse cx="0" cy="-116" rx="6" ry="4.5" fill="${INK}"/>
${eye(-14, -130, 4.5, mood)}${eye(14, -130, 4.5, mood)}${smile(0, -106, 5, mood)}<path d="M-12 -86 L0 -80 L12 -86 L12 -74 L0 -80 L-12 -74 Z" fill="#e04b4b"/>`;
};

const owl: Draw = ({ outline: o, mood, colour = "#9b7bd1" }) => {
  const light = shade(colour, 1.45);
  return `<ellipse cx="0" cy="-56" rx="42" ry="54" fill="${colour}"${o}/><ellipse cx="0" cy="-40" rx="26" ry="30" fill="${light}"/>
<path d="M-14 -44 q4 6 8 0 M6 -44 q4 6 8 0 M-6 -30 q4 6 8 0" stroke="${shade(light, 0.8)}" stroke-width="3" fill="none"/>
<path d="M-36 -100 L-40 -126 L-18 -106 Z M36 -100 L40 -126 L18 -106 Z" fill="${colour}"${o}/>
<circle cx="-17" cy="-80" r="16" fill="#fff"${o}/><circle cx="17" cy="-80" r="16" fill="#fff"${o}/>${eye(-15, -80, 6, mood)}${eye(19, -80, 6, mood)}
<path d="M-6 -66 L6 -66 L0 -54 Z" fill="#f5a742"/><path d="M-40 -60 Q-58 -30 -34 -12 Z M40 -60 Q58 -30 34 -12 Z" fill="${shade(colour, 0.8)}"/>
<path d="M-14 0 v-8 M-8 0 v-8 M8 0 v-8 M14 0 v-8" stroke="#f5a742" stroke-width="4" stroke-linecap="round"/>`;
};

const bird: Draw = ({ outline: o, mood, colour = "#4b9fe0" }) =>
  `<path d="M-30 -30 L-56 -40 L-50 -20 Z" fill="${shade(colour, 0.8)}"${o}/><ellipse cx="0" cy="-30" rx="32" ry="26" fill="${colour}"${o}/><ellipse cx="8" cy="-22" rx="16" ry="12" fill="${shade(colour, 1.5)}"/>
<path d="M-10 -34 Q-30 -60 -34 -26 Z" fill="${shade(colour, 0.8)}"/>${eye(16, -40, 4, mood)}<path d="M30 -36 L44 -31 L30 -26 Z" fill="#f5a742"/><path d="M-6 -4 v6 M6 -4 v6" stroke="#f5a742" stroke-width="3"/>`;

const parrot: Draw = ({ outline: o, mood, colour = "#e04b4b" }) =>
  `<path d="M-20 -30 L-44 40 L-26 36 L-10 -24 Z" fill="#4b7fd6"${o}/><ellipse cx="0" cy="-50" rx="28" ry="40" fill="${colour}"${o}/><path d="M-24 -60 Q-40 -20 -14 -10 Q-6 -40 -24 -60 Z" fill="#f5c542"/><path d="M-20 -40 Q-30 -10 -10 -8 Z" fill="#4fa868"/>
<circle cx="8" cy="-84" r="22" fill="${colour}"${o}/><circle cx="12" cy="-88" r="9" fill="#fff"/>${eye(14, -88, 4, mood)}<path d="M26 -86 Q42 -80 30 -64 Q26 -72 22 -74 Z" fill="#3a3a3a"/>`;

const penguin: Draw = ({ outline: o, mood }) =>
  `<ellipse cx="0" cy="-52" rx="38" ry="52" fill="#2f3542"${o}/><ellipse cx="4" cy="-44" rx="26" ry="40" fill="#fff"/><circle cx="0" cy="-98" r="26" fill="#2f3542"${o}/><path d="M-12 -96 Q0 -112 16 -96 Q16 -82 0 -80 Q-14 -82 -12 -96 Z" fill="#fff"/>
${eye(-4, -96, 4, mood)}${eye(10, -96, 4, mood)}<path d="M0 -88 L14 -84 L0 -80 Z" fill="#f5a742"/><path d="M-36 -70 Q-54 -40 -38 -24 Z M36 -70 Q54 -40 38 -24 Z" fill="#2f3542"/><ellipse cx="-14" cy="0" rx="12" ry="5" fill="#f5a742"/><ellipse cx="14" cy="0" rx="12" ry="5" fill="#f5a742"/>`;

const duck: Draw = ({ outline: o, mood, colour = "#f7f4ee" }) =>
  `<path d="M-34 -30 L-48 -44 L-40 -22 Z" fill="${colour}"${o}/><ellipse cx="0" cy="-26" rx="36" ry="24" fill="${colour}"${o}/><circle cx="24" cy="-58" r="18" fill="${colour}"${o}/>${eye(28, -62, 3.5, mood)}
<path d="M38 -58 Q56 -56 52 -48 Q44 -46 38 -50 Z" fill="#f5a742"/><path d="M-10 -30 Q0 -44 16 -30" stroke="${shade(colour, 0.85)}" stroke-width="4" fill="none"/><path d="M-6 -2 v4 M8 -2 v4" stroke="#f5a742" stroke-width="4"/>`;

const goose: Draw = ({ outline: o, mood }) =>
  `<ellipse cx="0" cy="-30" rx="40" ry="26" fill="#f4f2ee"${o}/><path d="M20 -40 Q30 -90 44 -96 L52 -88 Q40 -80 36 -36 Z" fill="#f4f2ee"${o}/><circle cx="46" cy="-92" r="12" fill="#f4f2ee"${o}/>
${eye(48, -96, 3, mood)}<path d="M56 -94 L74 -88 L56 -84 Z" fill="#f08a3c"/><path d="M-6 -4 v6 M10 -4 v6" stroke="#f08a3c" stroke-width="4"/>`;

const fox: Draw = ({ outline: o, mood, colour = "#e8793a" }) =>
  `<path d="M-40 -44 Q-100 -40 -96 -96 Q-70 -60 -40 -60 Z" fill="${colour}"${o}/><path d="M-96 -96 Q-92 -76 -80 -70 Q-96 -74 -96 -96 Z" fill="#fff"/>${legsOf([-26, -10, 16, 30], -30, 11, shade(colour, 0.7), o)}
<ellipse cx="0" cy="-46" rx="44" ry="24" fill="${colour}"${o}/><path d="M24 -96 L30 -126 L46 -104 Z M56 -104 L70 -126 L70 -94 Z" fill="${colour}"${o}/>
<path d="M20 -92 Q50 -118 74 -92 L92 -70 Q60 -56 28 -70 Z" fill="${colour}"${o}/><path d="M46 -76 L92 -70 Q64 -58 40 -68 Z" fill="#fff"/><circle cx="92" cy="-71" r="4" fill="${INK}"/>
${eye(46, -90, 4, mood)}${eye(62, -90, 4, mood)}`;

const bunny: Draw = ({ outline: o, mood, colour = "#f1ece6" }) => {
  const inner = "#f6b8cc";
  return `<circle cx="-36" cy="-40" r="12" fill="#fff"${o}/><ellipse cx="0" cy="-40" rx="38" ry="34" fill="${colour}"${o}/>${legsOf([-14, 14], -16, 16, colour, o)}
<ellipse cx="10" cy="-130" rx="10" ry="32" fill="${colour}" transform="rotate(-8 10 -130)"${o}/><ellipse cx="34" cy="-128" rx="10" ry="32" fill="${colour}" transform="rotate(14 34 -128)"${o}/>
<ellipse cx="10" cy="-130" rx="4" ry="22" fill="${inner}" transform="rotate(-8 10 -130)"/><ellipse cx="34" cy="-128" rx="4" ry="22" fill="${inner}" transform="rotate(14 34 -128)"/>
<circle cx="22" cy="-86" r="28" fill="${colour}"${o}/>${eye(14, -90, 4, mood)}${eye(32, -90, 4, mood)}<ellipse cx="24" cy="-80" rx="4" ry="3" fill="#ef8fb5"/>${smile(24, -74, 4, mood)}${blush(8, -78, 5)}${blush(40, -78, 5)}`;
};

const mouse: Draw = ({ outline: o, mood, colour = "#b5b0ac" }) =>
  `<path d="M-30 -14 Q-60 -10 -62 -34" stroke="#f0a0b0" stroke-width="4" fill="none"/><ellipse cx="0" cy="-20" rx="32" ry="20" fill="${colour}"${o}/><circle cx="26" cy="-36" r="18" fill="${colour}"${o}/>
<circle cx="16" cy="-56" r="13" fill="${colour}"${o}/><circle cx="16" cy="-56" r="7" fill="#f6b8cc"/>${eye(30, -40, 3.5, mood)}<circle cx="44" cy="-34" r="4" fill="#ef8fb5"/>`;

const hamster: Draw = ({ outline: o, mood, colour = "#e0a860" }) =>
  `<ellipse cx="0" cy="-30" rx="40" ry="32" fill="${colour}"${o}/><ellipse cx="6" cy="-22" rx="24" ry="18" fill="#fbeedd"/><circle cx="-20" cy="-58" r="9" fill="${colour}"${o}/><circle cx="20" cy="-58" r="9" fill="${colour}"${o}/>
${eye(-10, -40, 4, mood)}${eye(14, -40, 4, mood)}<circle cx="2" cy="-32" r="3" fill="#ef8fb5"/>${blush(-22, -30, 6)}${blush(24, -30, 6)}`;

const tortoise: Draw = ({ outline: o, mood, colour = "#6fa35a" }) =>
  `${legsOf([-30, 26], -20, 16, "#b5c76a", o)}<circle cx="56" cy="-34" r="18" fill="#b5c76a"${o}/>${eye(62, -38, 3.5, mood)}${smile(64, -28, 4, mood)}
<path d="M-56 -16 Q-50 -84 0 -86 Q50 -84 56 -16 Z" fill="${colour}"${o}/><path d="M-24 -70 L0 -78 L24 -70 L28 -40 L0 -30 L-28 -40 Z" fill="none" stroke="${shade(colour, 0.7)}" stroke-width="4"/><path d="M-56 -16 H56" stroke="${shade(colour, 0.7)}" stroke-width="6"/>`;

const monkey: Draw = ({ outline: o, mood, colour = "#8a5a3a" }) =>
  `<path d="M-30 -40 Q-80 -40 -70 -90 Q-60 -110 -46 -96" stroke="${colour}" stroke-width="8" fill="none" stroke-linecap="round"/>${legsOf([-14, 14], -30, 14, colour, o)}
<ellipse cx="0" cy="-50" rx="30" ry="34" fill="${colour}"${o}/><path d="M-26 -66 Q-56 -50 -50 -20 M26 -66 Q56 -90 54 -120" stroke="${colour}" stroke-width="12" fill="none" stroke-linecap="round"/>
<circle cx="-34" cy="-110" r="12" fill="#e6b88a"${o}/><circle cx="34" cy="-110" r="12" fill="#e6b88a"${o}/><circle cx="0" cy="-106" r="32" fill="${colour}"${o}/><path d="M-22 -106 Q-22 -126 -6 -122 Q0 -116 6 -122 Q22 -126 22 -106 Q22 -80 0 -80 Q-22 -80 -22 -106 Z" fill="#e6b88a"/>
${eye(-10, -108, 4, mood)}${eye(10, -108, 4, mood)}${smile(0, -92, 7, mood)}`;

const frog: Draw = ({ outline: o, mood, colour = "#6cc04a" }) =>
  `<ellipse cx="0" cy="-26" rx="44" ry="28" fill="${colour}"${o}/><circle cx="-20" cy="-52" r="15" fill="${colour}"${o}/><circle cx="20" cy="-52" r="15" fill="${colour}"${o}/>
<circle cx="-20" cy="-54" r="9" fill="#fff"/><circle cx="20" cy="-54" r="9" fill="#fff"/>${eye(-18, -54, 4.5, mood)}${eye(22, -54, 4.5, mood)}${smile(0, -30, 18, mood)}${blush(-28, -28, 6)}${blush(28, -28, 6)}
<ellipse cx="-34" cy="-2" rx="16" ry="6" fill="${shade(colour, 0.85)}"/><ellipse cx="34" cy="-2" rx="16" ry="6" fill="${shade(colour, 0.85)}"/>`;

function bigCat(stripes: boolean): Draw {
  return ({ outline: o, mood, colour = stripes ? "#f08a3c" : "#e6b45a" }) => {
    const mane = stripes ? "" : `<circle cx="46" cy="-96" r="46" fill="#b8692f"${o}/>`;
    const marks = stripes ? `<path d="M-30 -76 q8 14 0 28 M-10 -80 q8 16 0 32 M10 -80 q8 16 0 32 M30 -100 l8 12 M58 -100 l-6 12" stroke="#2b1d16" stroke-width="5" fill="none"/>` : "";
    return `<path d="M-50 -56 Q-90 -60 -90 -96" stroke="${colour}" stroke-width="10" fill="none" stroke-linecap="round"/><circle cx="-90" cy="-100" r="9" fill="${stripes ? INK : "#b8692f"}"/>
${legsOf([-34, -16, 22, 40], -44, 16, colour, o)}<ellipse cx="0" cy="-62" rx="56" ry="32" fill="${colour}"${o}/>${mane}
<circle cx="28" cy="-128" r="11" fill="${colour}"${o}/><circle cx="64" cy="-128" r="11" fill="${colour}"${o}/><circle cx="46" cy="-96" r="32" fill="${colour}"${o}/>${marks}<ellipse cx="50" cy="-82" rx="16" ry="11" fill="#fbeedd"/>
${eye(36, -102, 4.5, mood)}${eye(58, -102, 4.5, mood)}<path d="M46 -90 l-5 -4 h10 Z" fill="${INK}"/>${smile(48, -80, 6, mood)}`;
  };
}

const elephant: Draw = ({ outline: o, mood, colour = "#9fb0c3" }) =>
  `${legsOf([-40, -16, 24, 46], -60, 24, shade(colour, 0.9), o)}<ellipse cx="0" cy="-100" rx="76" ry="56" fill="${colour}"${o}/><path d="M-74 -100 Q-96 -90 -94 -70" stroke="${colour}" stroke-width="6" fill="none"/>
<circle cx="70" cy="-136" r="46" fill="${colour}"${o}/><path d="M40 -168 Q0 -170 6 -120 Q14 -90 48 -100 Z" fill="${shade(colour, 0.88)}"${o}/><path d="M108 -130 Q130 -90 118 -50 Q128 -48 134 -56" stroke="${colour}" stroke-width="20" fill="none" stroke-linecap="round"/>
${eye(84, -146, 5, mood)}${blush(96, -128, 8)}${smile(96, -114, 6, mood)}`;

const giraffe: Draw = ({ outline: o, mood, colour = "#f3c35a" }) => {
  const spots = shade(colour, 0.62);
  return `${legsOf([-36, -18, 20, 38], -120, 13, colour, o, spots)}<ellipse cx="0" cy="-136" rx="56" ry="34" fill="${colour}"${o}/><path d="M28 -150 L56 -300 L82 -290 L60 -130 Z" fill="${colour}"${o}/>
<path d="M56 -318 Q90 -330 110 -300 Q110 -286 90 -286 L60 -290 Q46 -304 56 -318 Z" fill="${colour}"${o}/><path d="M62 -318 v-18 M76 -320 v-18" stroke="${spots}" stroke-width="6" stroke-linecap="round"/>
${[[-20, -146], [6, -128], [24, -150], [-36, -128], [52, -200], [62, -250], [48, -170]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="8" fill="${spots}"/>`).join("")}${eye(82, -306, 4.5, mood)}${smile(100, -294, 4, mood)}`;
};

const fish: Draw = ({ outline: o, mood, colour = "#f59b3c" }) =>
  `<path d="M-38 -30 L-62 -52 L-60 -8 Z" fill="${shade(colour, 0.85)}"${o}/><ellipse cx="0" cy="-30" rx="42" ry="26" fill="${colour}"${o}/><path d="M-8 -54 Q6 -66 20 -52 Z" fill="${shade(colour, 0.85)}"/>
<path d="M-10 -52 Q-2 -30 -10 -8 M4 -54 Q12 -30 4 -6" stroke="#fff" stroke-width="5" fill="none" opacity="0.75"/>${eye(24, -36, 5, mood)}${smile(34, -24, 4, mood)}`;

const snail: Draw = ({ outline: o, mood, colour = "#e39a6b" }) =>
  `<path d="M-50 0 Q-50 -16 -20 -16 L40 -16 Q52 -16 52 -40 Q56 -52 64 -40 Q66 -10 50 0 Z" fill="#d9e8b8"${o}/><path d="M52 -44 L46 -70 M60 -44 L64 -70" stroke="#9dbb7a" stroke-width="4"/>${eye(46, -72, 4, mood)}${eye(64, -72, 4, mood)}
<circle cx="0" cy="-44" r="34" fill="${colour}"${o}/><path d="M0 -44 m-4 0 a4 4 0 1 1 8 0 a10 10 0 1 1 -18 0 a16 16 0 1 1 30 0 a22 22 0 1 1 -40 2" stroke="${shade(colour, 0.7)}" stroke-width="4" fill="none"/>`;

const ladybird: Draw = ({ outline: o }) =>
  `<circle cx="26" cy="-22" r="12" fill="${INK}"/><path d="M-30 -2 Q-30 -52 0 -52 Q30 -52 30 -2 Z" fill="#e04b4b"${o}/><path d="M0 -52 V-2" stroke="${INK}" stroke-width="3"/>
<circle cx="-14" cy="-30" r="6" fill="${INK}"/><circle cx="14" cy="-34" r="6" fill="${INK}"/><circle cx="-12" cy="-12" r="5" fill="${INK}"/><circle cx="14" cy="-12" r="5" fill="${INK}"/><circle cx="30" cy="-26" r="2.5" fill="#fff"/>`;

const bee: Draw = ({ outline: o, mood }) =>
  `<ellipse cx="-6" cy="-64" rx="16" ry="22" fill="#e6f6ff" opacity="0.85" transform="rotate(-20 -6 -64)"${o}/><ellipse cx="12" cy="-64" rx="14" ry="20" fill="#e6f6ff" opacity="0.85" transform="rotate(20 12 -64)"${o}/>
<ellipse cx="0" cy="-36" rx="32" ry="24" fill="#f5c542"${o}/><path d="M-10 -58 V-14 M8 -58 V-14" stroke="${INK}" stroke-width="8"/>${eye(22, -40, 3.5, mood)}<path d="M-32 -36 L-42 -36" stroke="${INK}" stroke-width="3"/>`;

const robot: Draw = ({ outline: o, mood, colour = "#9fb3c8" }) =>
  `${legsOf([-16, 16], -34, 14, "#7d8ea3", o)}<rect x="-38" y="-96" width="76" height="66" rx="12" fill="${colour}"${o}/><rect x="-20" y="-80" width="40" height="26" rx="5" fill="#2f3f55"/><circle cx="-8" cy="-67" r="4" fill="#7cf3a0"/><circle cx="8" cy="-67" r="4" fill="#f5c542"/>
<path d="M-38 -80 Q-60 -70 -56 -46 M38 -80 Q60 -70 56 -46" stroke="#7d8ea3" stroke-width="10" fill="none" stroke-linecap="round"/><rect x="-32" y="-150" width="64" height="50" rx="12" fill="${shade(colour, 1.15)}"${o}/>
${mood === "sleep" ? eye(-12, -126, 5, "sleep") + eye(12, -126, 5, "sleep") : `<circle cx="-12" cy="-126" r="8" fill="#4b7fd6"/><circle cx="12" cy="-126" r="8" fill="#4b7fd6"/><circle cx="-10" cy="-128" r="3" fill="#fff"/><circle cx="14" cy="-128" r="3" fill="#fff"/>`}
${smile(0, -110, 8, mood)}<path d="M0 -150 V-166" stroke="${INK}" stroke-width="4"/><circle cx="0" cy="-170" r="7" fill="#e04b4b"/>`;

const hedgehog: Draw = ({ outline: o, mood }) =>
  `<path d="M-48 -6 ${Array.from({ length: 9 }, (_, i) => { const a = Math.PI * (1 - i / 8); return `L${Math.round(-2 + Math.cos(a) * 56)} ${Math.round(-20 - Math.sin(a) * 50)} L${Math.round(-2 + Math.cos(a - 0.17) * 42)} ${Math.round(-20 - Math.sin(a - 0.17) * 38)}`; }).join(" ")} L48 -6 Z" fill="#7a5134"${o}/>
<path d="M20 -6 Q24 -46 46 -40 Q70 -30 74 -12 Q60 -2 20 -6 Z" fill="#e6c39c"${o}/><circle cx="76" cy="-14" r="5" fill="${INK}"/>${eye(48, -28, 3.5, mood)}`;

const squirrel: Draw = ({ outline: o, mood, colour = "#c0692f" }) =>
  `<path d="M-20 -20 Q-80 -30 -60 -100 Q-40 -130 -20 -100 Q-50 -70 -14 -40 Z" fill="${colour}"${o}/><ellipse cx="0" cy="-30" rx="24" ry="30" fill="${colour}"${o}/><ellipse cx="6" cy="-24" rx="12" ry="18" fill="#f3d2b0"/>
<circle cx="10" cy="-70" r="20" fill="${colour}"${o}/><path d="M0 -86 L4 -100 L12 -88 Z" fill="${colour}"/>${eye(16, -74, 3.5, mood)}<circle cx="28" cy="-66" r="3" fill="${INK}"/><ellipse cx="22" cy="-42" rx="8" ry="9" fill="#a0612f"/><path d="M16 -50 h12" stroke="#6b4226" stroke-width="4"/>`;

const whale: Draw = ({ outline: o, mood, colour = "#4b7fd6" }) =>
  `<path d="M-110 -70 L-150 -110 L-140 -60 L-160 -30 Z" fill="${colour}"${o}/><path d="M-120 -60 Q-110 -150 20 -150 Q130 -150 130 -70 Q130 -20 40 -20 L-60 -20 Q-110 -20 -120 -60 Z" fill="${colour}"${o}/>
<path d="M-60 -20 Q40 -60 130 -60 Q128 -24 40 -20 Z" fill="${shade(colour, 1.45)}"/>${eye(70, -96, 6, mood)}${blush(88, -80, 9)}${smile(106, -74, 8, mood)}<path d="M40 -152 Q30 -190 10 -200 M40 -152 Q44 -196 60 -206 M40 -152 Q60 -186 84 -186" stroke="#bfe9ff" stroke-width="6" fill="none" stroke-linecap="round"/>`;

const octopus: Draw = ({ outline: o, mood, colour = "#c56bd6" }) =>
  `${[-48, -28, -8, 12, 32, 52].map((x, i) => `<path d="M${x / 2} -40 Q${x} -10 ${x + (i % 2 ? 10 : -10)} 0" stroke="${colour}" stroke-width="14" fill="none" stroke-linecap="round"/>`).join("")}
<path d="M-44 -40 Q-50 -120 0 -124 Q50 -120 44 -40 Z" fill="${colour}"${o}/>${eye(-14, -76, 5, mood)}${eye(14, -76, 5, mood)}${smile(0, -58, 7, mood)}${blush(-26, -62, 6)}${blush(26, -62, 6)}`;

const jellyfish: Draw = ({ outline: o, mood, colour = "#f29bd0" }) =>
  `${[-24, -8, 8, 24].map((x) => `<path d="M${x} -40 q8 16 0 32 q-8 16 0 32" stroke="${colour}" stroke-width="5" fill="none" opacity="0.8"/>`).join("")}
<path d="M-40 -40 Q-40 -100 0 -100 Q40 -100 40 -40 Q30 -34 20 -40 Q10 -34 0 -40 Q-10 -34 -20 -40 Q-30 -34 -40 -40 Z" fill="${colour}" opacity="0.9"${o}/>${eye(-12, -64, 4, mood)}${eye(12, -64, 4, mood)}${smile(0, -52, 5, mood)}`;

const crab: Draw = ({ outline: o, mood, colour = "#e8553c" }) =>
  `<path d="M-40 -20 L-56 -4 M-34 -14 L-46 2 M40 -20 L56 -4 M34 -14 L46 2" stroke="${colour}" stroke-width="5"/><path d="M-30 -30 Q-60 -50 -52 -74 M30 -30 Q60 -50 52 -74" stroke="${colour}" stroke-width="7" fill="none"/>
<path d="M-52 -74 l-12 -14 l16 2 Z M52 -74 l12 -14 l-16 2 Z" fill="${colour}"${o}/><ellipse cx="0" cy="-26" rx="40" ry="24" fill="${colour}"${o}/><path d="M-10 -46 V-60 M10 -46 V-60" stroke="${colour}" stroke-width="4"/>
${eye(-10, -62, 4.5, mood)}${eye(10, -62, 4.5, mood)}${smile(0, -22, 8, mood)}`;

const starfish: Draw = ({ outline: o, mood, colour = "#f5a742" }) =>
  `<path d="M0 -70 L14 -40 L46 -38 L22 -18 L30 12 L0 -4 L-30 12 L-22 -18 L-46 -38 L-14 -40 Z" fill="${colour}"${o}/>${eye(-7, -34, 3, mood)}${eye(7, -34, 3, mood)}${smile(0, -24, 4, mood)}`;

const seahorse: Draw = ({ outline: o, mood, colour = "#f5c542" }) =>
  `<path d="M0 -110 Q30 -120 30 -90 L44 -86 L30 -78 Q34 -50 14 -36 Q0 -20 10 -6 Q-10 -2 -8 -20 Q-6 -40 -14 -60 Q-20 -90 0 -110 Z" fill="${colour}"${o}/>${eye(14, -98, 3.5, mood)}<path d="M-14 -90 l-10 -4 M-18 -72 l-10 0 M-14 -54 l-10 4" stroke="${shade(colour, 0.8)}" stroke-width="5"/>`;

const cow: Draw = ({ outline: o, mood }) =>
  `${legsOf([-40, -22, 26, 44], -50, 15, "#f7f4ee", o, INK)}<rect x="-62" y="-120" width="124" height="74" rx="34" fill="#f7f4ee"${o}/><circle cx="-30" cy="-96" r="16" fill="${INK}"/><circle cx="20" cy="-74" r="12" fill="${INK}"/>
<path d="M48 -130 L40 -148 M80 -130 L88 -148" stroke="#d8c8a0" stroke-width="7" stroke-linecap="round"/><rect x="40" y="-140" width="52" height="62" rx="24" fill="#f7f4ee"${o}/><ellipse cx="66" cy="-86" rx="24" ry="14" fill="#f6b8cc"/>
${eye(56, -116, 4, mood)}${eye(76, -116, 4, mood)}<circle cx="58" cy="-86" r="3" fill="${INK}"/><circle cx="74" cy="-86" r="3" fill="${INK}"/>`;

const sheep: Draw = ({ outline: o, mood }) =>
  `${legsOf([-24, 24], -30, 11, "#3a3a3a", o)}${[[-30, -56], [-10, -66], [12, -66], [32, -56], [-20, -42], [20, -42], [0, -48]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="24" fill="#fbfaf6"${o}/>`).join("")}
<ellipse cx="50" cy="-64" rx="18" ry="22" fill="#3a3a3a"${o}/>${eye(46, -66, 3.5, mood)}${eye(58, -66, 3.5, mood)}`;

const chicken: Draw = ({ outline: o, mood }) =>
  `<ellipse cx="0" cy="-30" rx="30" ry="26" fill="#fbfaf6"${o}/><path d="M-28 -36 L-44 -60 L-30 -44 L-40 -30 Z" fill="#fbfaf6"${o}/><circle cx="20" cy="-56" r="16" fill="#fbfaf6"${o}/><path d="M14 -72 q4 -10 8 0 q4 -10 8 0" fill="#e04b4b"/>
${eye(24, -58, 3, mood)}<path d="M34 -58 L44 -54 L34 -50 Z" fill="#f5a742"/><path d="M28 -48 q2 8 -4 8" fill="#e04b4b"/><path d="M-6 -4 v6 M8 -4 v6" stroke="#f5a742" stroke-width="3"/>`;

const butterfly: Draw = ({ outline: o, colour = "#ef8fb5" }) =>
  `<path d="M0 -40 Q-40 -90 -44 -50 Q-46 -30 0 -40 Q-36 -20 -24 -6 Q-10 0 0 -40 Z" fill="${colour}"${o}/><path d="M0 -40 Q40 -90 44 -50 Q46 -30 0 -40 Q36 -20 24 -6 Q10 0 0 -40 Z" fill="${shade(colour, 0.9)}"${o}/>
<circle cx="-24" cy="-56" r="6" fill="#fff" opacity="0.7"/><circle cx="24" cy="-56" r="6" fill="#fff" opacity="0.7"/><path d="M0 -10 V-64 M0 -64 l-6 -10 M0 -64 l6 -10" stroke="${INK}" stroke-width="3" fill="none"/>`;

const worm: Draw = ({ mood }) =>
  `<path d="M-40 0 Q-30 -30 -10 -10 Q10 10 20 -20 L24 -40" stroke="#f08ca0" stroke-width="16" fill="none" stroke-linecap="round"/>${eye(20, -44, 3, mood)}${eye(30, -42, 3, mood)}`;

/** A furry, horned creature; its mood shows on its face. */
const monster: Draw = ({ outline: o, mood, colour = "#8c6ad1" }) => {
  const fur = shade(colour, 0.82);
  const tufts = Array.from({ length: 9 }, (_, i) => {
    const a = Math.PI * (0.05 + (i / 8) * 0.9);
    return `<circle cx="${Math.round(Math.cos(a) * 66)}" cy="${Math.round(-76 - Math.sin(a) * 70)}" r="16" fill="${colour}"/>`;
  }).join("");
  return `${legsOf([-28, 28], -30, 26, fur, o)}<ellipse cx="0" cy="-80" rx="70" ry="74" fill="${colour}"${o}/>${tufts}
<path d="M-40 -140 Q-56 -180 -30 -186 Q-40 -164 -26 -146 Z M40 -140 Q56 -180 30 -186 Q40 -164 26 -146 Z" fill="#f5e6c8"${o}/>
<circle cx="-22" cy="-100" r="17" fill="#fff"${o}/><circle cx="22" cy="-100" r="17" fill="#fff"${o}/>${eye(-20, -98, 7, mood)}${eye(24, -98, 7, mood)}
${mood === "happy" ? `<path d="M-30 -66 Q0 -30 30 -66 Z" fill="#8a2f2f"/><path d="M-18 -64 v8 M18 -64 v8" stroke="#fff" stroke-width="7"/>` : smile(0, -60, 18, mood)}
<path d="M-66 -80 Q-96 -60 -86 -34 M66 -80 Q96 -60 86 -34" stroke="${colour}" stroke-width="22" fill="none" stroke-linecap="round"/>${mood === "sad" ? `<path d="M-30 -82 q-4 10 0 14 q4 -4 0 -14" fill="#7cc4ff"/>` : ""}`;
};

/** A big, gentle giant sitting down (even seated he towers over everyone). */
const giant: Draw = ({ outline: o, mood, colour = "#6f8fc9" }) => {
  const skin = "#e8b08a";
  const hair = "#a0612f";
  const up = mood === "surprised";
  const snore = mood === "sleep" ? `<g fill="none" stroke="#4b7fd6" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"><path d="M90 -520 h28 l-28 30 h28"/><path d="M140 -570 h36 l-36 38 h36"/></g>` : "";
  const leg = (dx: number, tone: string) =>
    `<path d="M${-30 + dx} -70 L${110 + dx} -190 L${190 + dx} -40" stroke="${tone}" stroke-width="80" fill="none" stroke-linecap="round" stroke-linejoin="round"/><ellipse cx="${214 + dx}" cy="-28" rx="64" ry="32" fill="#4a3a2a"${o}/>`;
  return `<rect x="-130" y="-340" width="220" height="320" rx="80" fill="${colour}"${o}/><rect x="-130" y="-110" width="220" height="26" fill="#8a6a4a"/><rect x="-38" y="-114" width="34" height="34" rx="6" fill="#f5c542"/>
${leg(-70, "#4d3f5c")}${leg(0, "#5a4a6a")}
<path d="M60 -300 Q${up ? "130 -380 110 -470" : "140 -220 150 -160"}" stroke="${colour}" stroke-width="52" fill="none" stroke-linecap="round"/><circle cx="${up ? 110 : 150}" cy="${up ? -478 : -150}" r="28" fill="${skin}"${o}/>
<path d="M-110 -300 Q${up ? "-180 -380 -150 -470" : "-170 -180 -120 -70"}" stroke="${colour}" stroke-width="52" fill="none" stroke-linecap="round"/><circle cx="${up ? -150 : -120}" cy="${up ? -478 : -64}" r="28" fill="${skin}"${o}/>
<g transform="rotate(${mood === "sleep" ? -10 : 0} -20 -350)"><circle cx="-20" cy="-420" r="90" fill="${skin}"${o}/><circle cx="-108" cy="-420" r="20" fill="${skin}"${o}/><circle cx="68" cy="-420" r="20" fill="${skin}"${o}/>
<path d="M-108 -440 Q-104 -530 -20 -530 Q64 -530 68 -440 Q40 -490 -20 -482 Q-80 -490 -108 -440 Z" fill="${hair}"/>
<path d="M-96 -400 Q-90 -310 -20 -306 Q50 -310 56 -400 Q24 -360 -20 -362 Q-64 -360 -96 -400 Z" fill="${hair}"/>
${eye(-52, -434, 9, mood)}${eye(12, -434, 9, mood)}<ellipse cx="-20" cy="-406" rx="14" ry="11" fill="${shade(skin, 0.9)}"/>${mood === "sleep" ? `<ellipse cx="-20" cy="-374" rx="12" ry="9" fill="#8a2f2f"/>` : smile(-20, -378, 18, mood === "surprised" ? "surprised" : mood)}${blush(-70, -400, 12)}${blush(30, -400, 12)}</g>${snore}`;
};

/** A friendly knight in armour, plume and shield. */
const knight: Draw = ({ outline: o, mood }) =>
  `${legsOf([-18, 18], -70, 24, "#aab4c0", o)}<rect x="-48" y="-180" width="96" height="120" rx="22" fill="#c9d1da"${o}/><path d="M-48 -120 H48" stroke="#9aa6b4" stroke-width="6"/>
<path d="M-48 -160 Q-74 -120 -66 -84 M48 -160 Q70 -130 78 -100" stroke="#c9d1da" stroke-width="22" fill="none" stroke-linecap="round"/>
<g transform="translate(-70 -96)"><path d="M-34 -50 H34 V0 Q34 40 0 56 Q-34 40 -34 0 Z" fill="#4b7fd6"${o}/><path d="M0 -44 V48 M-28 -6 H28" stroke="#f5c542" stroke-width="9"/></g>
<path d="M78 -100 V-250" stroke="#8a5a3a" stroke-width="8"/><path d="M78 -250 L100 -236 L78 -222 Z" fill="#e04b4b"/>
<rect x="-42" y="-262" width="84" height="84" rx="34" fill="#d9e0e8"${o}/><rect x="-30" y="-230" width="60" height="16" rx="6" fill="#2f3542"/>${mood === "sleep" ? "" : `<circle cx="-12" cy="-222" r="4" fill="#fff"/><circle cx="12" cy="-222" r="4" fill="#fff"/>`}
<path d="M0 -262 Q-10 -300 20 -316 Q12 -290 30 -270 Q14 -276 0 -262 Z" fill="#e04b4b"${o}/>`;

const alien: Draw = ({ outline: o, mood, colour = "#7ed37a" }) =>
  `${legsOf([-14, 14], -30, 12, colour, o)}<ellipse cx="0" cy="-56" rx="30" ry="34" fill="${colour}"${o}/><circle cx="0" cy="-104" r="30" fill="${colour}"${o}/><path d="M-14 -130 L-24 -160 M14 -130 L24 -160" stroke="${colour}" stroke-width="4"/>
<circle cx="-24" cy="-162" r="6" fill="#f5c542"/><circle cx="24" cy="-162" r="6" fill="#f5c542"/><circle cx="0" cy="-108" r="13" fill="#fff"/>${eye(0, -108, 7, mood)}${smile(0, -88, 7, mood)}`;

const baby: Draw = ({ outline: o, mood }) =>
  `<ellipse cx="0" cy="-30" rx="44" ry="30" fill="#bfe3ff"${o}/><path d="M-44 -30 Q0 -10 44 -30" stroke="#fff" stroke-width="4" fill="none"/><circle cx="20" cy="-56" r="26" fill="#f3d2b8"${o}/><path d="M10 -80 q10 -8 16 4" stroke="#6b4226" stroke-width="3" fill="none"/>
${eye(12, -58, 3.5, mood === "happy" ? "sleep" : mood)}${eye(30, -58, 3.5, mood === "happy" ? "sleep" : mood)}${mood === "happy" ? `<path d="M12 -46 Q21 -36 30 -46 Z" fill="#8a2f2f"/>` : smile(21, -46, 5, mood)}${blush(6, -48, 5)}${blush(36, -48, 5)}`;

/** A second child or a grown-up, built from the hero's drawing with their own look. */
function person(look: HeroLook, scale: number): Draw {
  return ({ outline, mood }) =>
    drawHero(look, { x: 0, y: 0, scale, part: "person", pose: mood === "sleep" ? "rest" : "stand", facing: 1, expression: mood === "sleep" ? "sleep" : mood === "happy" ? "smile" : "oh" }, outline);
}

export const CREATURES: Record<string, Draw> = {
  cat, dog, pony, unicorn, dragon, dinosaur, bear, owl, bird, parrot, penguin, duck, goose, fox, bunny, mouse, hamster, tortoise,
  monkey, frog, lion: bigCat(false), tiger: bigCat(true), elephant, giraffe, fish, snail, ladybird, bee, robot, hedgehog, squirrel,
  whale, octopus, jellyfish, crab, starfish, seahorse, cow, sheep, chicken, butterfly, worm, monster, giant, alien, baby, knight,
};

/** Natural height of each kind next to a 240-unit hero, for scaling companions. */
export const CREATURE_HEIGHT: Record<string, number> = {
  cat: 125, dog: 125, pony: 210, unicorn: 240, dragon: 210, dinosaur: 250, bear: 165, owl: 125, bird: 60, parrot: 110, penguin: 125,
  duck: 75, goose: 105, fox: 125, bunny: 160, mouse: 70, hamster: 70, tortoise: 85, monkey: 140, frog: 70, lion: 140, tiger: 140,
  elephant: 185, giraffe: 335, fish: 60, snail: 80, ladybird: 55, bee: 85, robot: 180, hedgehog: 70, squirrel: 110, whale: 200,
  octopus: 125, jellyfish: 140, crab: 90, starfish: 80, seahorse: 120, cow: 150, sheep: 95, chicken: 75, butterfly: 70, worm: 50,
  monster: 190, giant: 540, alien: 170, baby: 85, knight: 316,
};

/** Rough width of each kind at natural size, for keeping figures apart. */
export const CREATURE_WIDTH: Record<string, number> = {
  cat: 150, dog: 160, pony: 240, unicorn: 240, dragon: 300, dinosaur: 320, bear: 130, owl: 100, bird: 100, parrot: 80, penguin: 90,
  duck: 100, goose: 120, fox: 200, bunny: 100, mouse: 110, hamster: 90, tortoise: 140, monkey: 140, frog: 100, lion: 200, tiger: 200,
  elephant: 260, giraffe: 160, fish: 110, snail: 120, ladybird: 70, bee: 80, robot: 130, hedgehog: 130, squirrel: 110, whale: 300,
  octopus: 130, jellyfish: 90, crab: 130, starfish: 100, seahorse: 70, cow: 180, sheep: 130, chicken: 90, butterfly: 90, worm: 80,
  monster: 190, giant: 420, alien: 80, baby: 100, knight: 200,
};

/** Which drawing a companion's kind (in the parent's words) gets. */
export function creatureKind(kind: string): string {
  const k = kind.toLowerCase();
  const table: [RegExp, string][] = [
    [/unicorn/, "unicorn"], [/pony|horse/, "pony"], [/dragon/, "dragon"], [/dino|t-?rex/, "dinosaur"], [/kitten|\bcat\b|kitty/, "cat"],
    [/dog|puppy|pup\b/, "dog"], [/teddy|bear/, "bear"], [/owl/, "owl"], [/parrot/, "parrot"], [/penguin/, "penguin"], [/duck/, "duck"],
    [/goose/, "goose"], [/fox/, "fox"], [/bunny|rabbit|hare/, "bunny"], [/hamster|guinea/, "hamster"], [/mouse|mice/, "mouse"],
    [/tortoise|turtle/, "tortoise"], [/monkey|chimp/, "monkey"], [/frog|toad/, "frog"], [/lion/, "lion"], [/tiger/, "tiger"],
    [/elephant/, "elephant"], [/giraffe/, "giraffe"], [/fish/, "fish"], [/snail/, "snail"], [/ladybird|ladybug/, "ladybird"],
    [/\bbee\b|bumble/, "bee"], [/robot/, "robot"], [/hedgehog/, "hedgehog"], [/squirrel/, "squirrel"], [/whale|dolphin/, "whale"],
    [/octopus/, "octopus"], [/crab/, "crab"], [/bird|robin|sparrow|chick/, "bird"], [/monster/, "monster"], [/alien/, "alien"], [/knight/, "knight"],
  ];
  return table.find(([pattern]) => pattern.test(k))?.[1] ?? "";
}

export function drawCreature(kind: string, options: CreatureOptions) {
  const draw = CREATURES[kind] ?? CREATURES.monster!;
  return draw(options);
}

export function personDrawing(look: HeroLook, scale: number) {
  return person(look, scale);
}
