import { shade, type HeroLook } from "./palette";
import { r1 } from "./random";

/** Shapes get the style's edge (ink line, wet edge, crayon line, cut-paper edge). */
export type Outline = string;

export type Pose =
  | "stand"
  | "wave"
  | "walk"
  | "run"
  | "jump"
  | "celebrate"
  | "sit"
  | "rest"
  | "reach"
  | "lookUp"
  | "point"
  | "hold"
  | "hug"
  | "scared"
  | "tiptoe"
  | "bow"
  | "swim"
  | "listen"
  | "act"
  | "crouch"
  | "inBed";

export type Expression = "smile" | "grin" | "laugh" | "oh" | "worried" | "sleep" | "determined";

type Pt = readonly [number, number];
/** A limb: where it starts, the bend (a curve control point) and where it ends. */
type Limb = readonly [Pt, Pt, Pt];

interface PoseSpec {
  lift: number;
  /** Degrees the upper body leans forward (towards +x) about the hips. */
  lean: number;
  headTilt: number;
  /** How far the upper body drops (sitting, crouching). */
  drop: number;
  legs: readonly [Limb, Limb];
  arms: readonly [Limb, Limb];
  face: Expression;
  /** Where the eyes look, in pupil offsets. */
  look: Pt;
  /** Hands in front of the face draw over the head. */
  handsOverHead?: boolean;
  /** Whole-figure turn (swimming is horizontal). */
  spin?: number;
}

const SL: Pt = [-33, -114];
const SR: Pt = [33, -114];
const HL: Pt = [-13, -60];
const HR: Pt = [13, -60];
const STAND_LEGS: readonly [Limb, Limb] = [
  [HL, [-15, -30], [-17, -6]],
  [HR, [15, -30], [17, -6]],
];
const ARMS_DOWN: readonly [Limb, Limb] = [
  [SL, [-48, -86], [-46, -60]],
  [SR, [48, -86], [46, -60]],
];

const POSES: Record<Exclude<Pose, "inBed">, PoseSpec> = {
  stand: { lift: 0, lean: 0, headTilt: 0, drop: 0, legs: STAND_LEGS, arms: ARMS_DOWN, face: "smile", look: [1, 0] },
  wave: { lift: 0, lean: 0, headTilt: 5, drop: 0, legs: STAND_LEGS, arms: [ARMS_DOWN[0], [SR, [72, -130], [76, -182]]], face: "grin", look: [2, 0] },
  walk: {
    lift: 0, lean: 3, headTilt: 0, drop: 0,
    legs: [[HL, [-22, -30], [-34, -6]], [HR, [28, -34], [30, -6]]],
    arms: [[SL, [-50, -88], [-58, -66]], [SR, [46, -90], [58, -68]]],
    face: "smile", look: [3, 0],
  },
  run: {
    lift: 14, lean: 10, headTilt: 4, drop: 0,
    legs: [[HL, [-34, -42], [-60, -44]], [HR, [42, -52], [46, -12]]],
    arms: [[SL, [-58, -100], [-74, -118]], [SR, [58, -100], [70, -128]]],
    face: "grin", look: [3, 0],
  },
  jump: {
    lift: 70, lean: 0, headTilt: -6, drop: 0,
    legs: [[HL, [-38, -40], [-20, -14]], [HR, [38, -40], [20, -14]]],
    arms: [[SL, [-66, -150], [-84, -196]], [SR, [66, -150], [84, -196]]],
    face: "grin", look: [0, -2],
  },
  celebrate: {
    lift: 22, lean: 0, headTilt: -4, drop: 0,
    legs: [[HL, [-26, -32], [-34, -6]], [HR, [26, -32], [34, -6]]],
    arms: [[SL, [-62, -156], [-70, -204]], [SR, [62, -156], [70, -204]]],
    face: "laugh", look: [0, 0],
  },
  sit: {
    lift: 0, lean: -4, headTilt: 6, drop: 30,
    legs: [[[-12, -30], [24, -62], [54, -6]], [[12, -30], [52, -56], [76, -6]]],
    arms: [[SL, [-30, -66], [20, -50]], [SR, [50, -80], [58, -52]]],
    face: "smile", look: [2, 0],
  },
  rest: {
    lift: 0, lean: -10, headTilt: 14, drop: 30,
    legs: [[[-12, -30], [24, -62], [54, -6]], [[12, -30], [52, -56], [76, -6]]],
    arms: [[SL, [-30, -70], [6, -66]], [SR, [30, -74], [-4, -70]]],
    face: "sleep", look: [0, 0],
  },
  reach: {
    lift: 8, lean: 0, headTilt: -12, drop: 0,
    legs: [[HL, [-14, -30], [-14, -4]], [HR, [14, -30], [16, -4]]],
    arms: [[SL, [-52, -90], [-56, -70]], [SR, [50, -176], [56, -238]]],
    face: "oh", look: [2, -3],
  },
  lookUp: {
    lift: 0, lean: -4, headTilt: -14, drop: 0,
    legs: STAND_LEGS,
    arms: [[SL, [-48, -86], [-40, -62]], [SR, [66, -152], [88, -192]]],
    face: "oh", look: [2, -3],
  },
  point: {
    lift: 0, lean: 2, headTilt: 0, drop: 0,
    legs: [[HL, [-18, -30], [-24, -6]], [HR, [20, -30], [24, -6]]],
    arms: [ARMS_DOWN[0], [SR, [68, -118], [104, -128]]],
    face: "grin", look: [3, 0],
  },
  hold: {
    lift: 0, lean: 0, headTilt: 8, drop: 0,
    legs: STAND_LEGS,
    arms: [[SL, [-46, -84], [-16, -86]], [SR, [46, -84], [16, -86]]],
    face: "smile", look: [0, 2],
  },
  hug: {
    lift: 0, lean: 8, headTilt: 10, drop: 0,
    legs: [[HL, [-16, -30], [-20, -6]], [HR, [22, -30], [26, -6]]],
    arms: [[SL, [-6, -76], [54, -86]], [SR, [66, -112], [76, -84]]],
    face: "laugh", look: [0, 0],
  },
  scared: {
    lift: 0, lean: 0, headTilt: -4, drop: 4,
    legs: [[HL, [-2, -32], [-22, -6]], [HR, [2, -32], [22, -6]]],
    arms: [[SL, [-48, -122], [-12, -150]], [SR, [48, -122], [12, -150]]],
    face: "worried", look: [2, 0],
    handsOverHead: true,
  },
  tiptoe: {
    lift: 8, lean: 6, headTilt: 0, drop: 0,
    legs: [[HL, [-24, -30], [-22, -2]], [HR, [26, -40], [40, -16]]],
    arms: [[SL, [-62, -108], [-66, -136]], [SR, [60, -108], [66, -136]]],
    face: "oh", look: [-3, 0],
  },
  bow: {
    lift: 0, lean: 28, headTilt: 6, drop: 0,
    legs: STAND_LEGS,
    arms: [[SL, [-60, -100], [-82, -92]], [SR, [24, -80], [-6, -86]]],
    face: "laugh", look: [0, 2],
  },
  swim: {
    lift: 0, lean: 0, headTilt: -60, drop: 0, spin: 72,
    legs: [[HL, [-20, -30], [-24, 2]], [HR, [18, -34], [26, -2]]],
    arms: [[SL, [-40, -170], [-24, -226]], [SR, [46, -160], [60, -212]]],
    face: "grin", look: [0, -3],
    handsOverHead: true,
  },
  listen: {
    lift: 0, lean: 0, headTilt: 10, drop: 0,
    legs: STAND_LEGS,
    arms: [ARMS_DOWN[0], [SR, [70, -130], [60, -172]]],
    face: "oh", look: [3, 0],
    handsOverHead: true,
  },
  act: {
    lift: 8, lean: 0, headTilt: 0, drop: 0,
    legs: [[HL, [-26, -32], [-34, -6]], [HR, [26, -32], [34, -6]]],
    arms: [[SL, [-72, -120], [-108, -140]], [SR, [72, -120], [108, -140]]],
    face: "grin", look: [0, 0],
  },
  crouch: {
    lift: 0, lean: 12, headTilt: 8, drop: 24,
    legs: [[[-13, -36], [-38, -30], [-24, -4]], [[13, -36], [42, -44], [42, -4]]],
    arms: [ARMS_DOWN[0], [SR, [60, -96], [88, -88]]],
    face: "smile", look: [3, 1],
  },
};

function pointAt([p0, p1, p2]: Limb, t: number): Pt {
  const a: Pt = [p0[0] + (p1[0] - p0[0]) * t, p0[1] + (p1[1] - p0[1]) * t];
  const b: Pt = [p1[0] + (p2[0] - p1[0]) * t, p1[1] + (p2[1] - p1[1]) * t];
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** The first part of a curved limb (a sleeve, a trouser leg), as a path. */
function limbPath(limb: Limb, upTo = 1) {
  const [p0, p1] = limb;
  if (upTo >= 1) return `M${limb[0][0]} ${limb[0][1]} Q${limb[1][0]} ${limb[1][1]} ${limb[2][0]} ${limb[2][1]}`;
  const control: Pt = [p0[0] + (p1[0] - p0[0]) * upTo, p0[1] + (p1[1] - p0[1]) * upTo];
  const end = pointAt(limb, upTo);
  return `M${p0[0]} ${p0[1]} Q${r1(control[0])} ${r1(control[1])} ${r1(end[0])} ${r1(end[1])}`;
}

function stroke(d: string, colour: string, width: number, outline: Outline) {
  // The outline is drawn as a wider line beneath so limbs get the style's edge too.
  const edge = outline.includes("stroke=") ? `<path d="${d}" fill="none" stroke-linecap="round"${outline.replace(/stroke-width="([\d.]+)"/, (_, w: string) => `stroke-width="${width + Number(w) * 2}"`)}/>` : "";
  return `${edge}<path d="${d}" stroke="${colour}" stroke-width="${width}" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`;
}

const INK = "#2b1d16";

function eyes(expression: Expression, look: Pt) {
  const [lx, ly] = look;
  if (expression === "sleep" || expression === "laugh") {
    const d = expression === "sleep" ? "M-23 0 Q-16 6 -9 0 M9 0 Q16 6 23 0" : "M-23 2 Q-16 -7 -9 2 M9 2 Q16 -7 23 2";
    return `<path d="${d}" stroke="${INK}" stroke-width="3.6" fill="none" stroke-linecap="round"/>`;
  }
  const big = expression === "oh" || expression === "worried" ? 1.15 : 1;
  return [-16, 16]
    .map(
      (x) =>
        `<ellipse cx="${x + lx}" cy="${ly}" rx="${r1(5.6 * big)}" ry="${r1(7 * big)}" fill="${INK}"/><circle cx="${x + lx + 2}" cy="${ly - 3}" r="2" fill="#fff"/>`,
    )
    .join("");
}

function brows(expression: Expression, hair: string) {
  const colour = shade(hair, 0.7);
  if (expression === "worried") return `<path d="M-24 -17 L-9 -22 M24 -17 L9 -22" stroke="${colour}" stroke-width="3.5" stroke-linecap="round"/>`;
  if (expression === "determined") return `<path d="M-24 -19 L-9 -17 M24 -19 L9 -17" stroke="${colour}" stroke-width="3.5" stroke-linecap="round"/>`;
  if (expression === "oh") return `<path d="M-23 -20 Q-16 -25 -9 -20 M9 -20 Q16 -25 23 -20" stroke="${colour}" stroke-width="3" fill="none" stroke-linecap="round"/>`;
  return "";
}

function mouth(expression: Expression) {
  switch (expression) {
    case "grin":
    case "laugh":
      return `<path d="M-14 16 Q0 18 14 16 Q12 34 0 34 Q-12 34 -14 16 Z" fill="#8a2f2f"/><path d="M-7 28 Q0 24 7 28 Q4 33 0 33 Q-4 33 -7 28 Z" fill="#ef7f86"/>`;
    case "oh":
      return `<ellipse cx="0" cy="22" rx="6" ry="7.5" fill="#8a2f2f"/>`;
    case "worried":
      return `<path d="M-11 24 Q-5 18 0 23 Q5 28 11 22" stroke="${INK}" stroke-width="3.5" fill="none" stroke-linecap="round"/>`;
    case "sleep":
      return `<path d="M-7 20 Q0 25 7 20" stroke="${INK}" stroke-width="3.5" fill="none" stroke-linecap="round"/>`;
    default:
      return `<path d="M-13 17 Q0 29 13 17" stroke="${INK}" stroke-width="4" fill="none" stroke-linecap="round"/>`;
  }
}

/** Hair behind the head, by style. Head centre is the origin, radius 48. */
function hairBack(look: HeroLook) {
  const h = look.hair;
  switch (look.hairStyle) {
    case "long":
      return `<path d="M-52 -8 Q-62 60 -44 78 L44 78 Q62 60 52 -8 Z" fill="${h}"/>`;
    case "afro":
      return `<circle cx="0" cy="-8" r="68" fill="${h}"/>`;
    case "braids":
      return `<path d="M-44 8 Q-58 56 -48 96 M44 8 Q58 56 48 96" stroke="${h}" stroke-width="15" fill="none" stroke-linecap="round"/><circle cx="-48" cy="100" r="7" fill="${shade(h, 0.75)}"/><circle cx="48" cy="100" r="7" fill="${shade(h, 0.75)}"/>`;
    case "pigtails":
      return `<ellipse cx="-62" cy="8" rx="18" ry="26" fill="${h}" transform="rotate(20 -62 8)"/><ellipse cx="62" cy="8" rx="18" ry="26" fill="${h}" transform="rotate(-20 62 8)"/>`;
    case "bun":
      return `<circle cx="0" cy="-54" r="22" fill="${h}"/>`;
    case "curly":
      return [-48, -30, 30, 48].map((x, i) => `<circle cx="${x}" cy="${i === 0 || i === 3 ? 6 : -30}" r="20" fill="${h}"/>`).join("");
    default:
      return "";
  }
}

function hairFront(look: HeroLook) {
  const h = look.hair;
  const strand = shade(h, 0.8);
  switch (look.hairStyle) {
    case "curly":
      return (
        [-38, -19, 0, 19, 38].map((x, i) => `<circle cx="${x}" cy="${-36 - (i % 2) * 6}" r="18" fill="${h}"/>`).join("") +
        `<circle cx="-46" cy="-12" r="14" fill="${h}"/><circle cx="46" cy="-12" r="14" fill="${h}"/>`
      );
    case "afro":
      return `<path d="M-46 -14 Q-40 -50 0 -52 Q40 -50 46 -14 Q30 -30 0 -30 Q-30 -30 -46 -14 Z" fill="${h}"/>`;
    case "pigtails":
    case "bun":
    case "braids":
      return `<path d="M-50 -4 Q-48 -56 0 -58 Q48 -56 50 -4 Q36 -34 0 -36 Q-36 -34 -50 -4 Z" fill="${h}"/><path d="M0 -56 V-38" stroke="${strand}" stroke-width="3"/>${
        look.hairStyle === "pigtails" ? `<circle cx="-50" cy="-4" r="6" fill="#ef5f8f"/><circle cx="50" cy="-4" r="6" fill="#ef5f8f"/>` : ""
      }`;
    case "short":
      return `<path d="M-48 -8 Q-52 -58 0 -58 Q52 -58 48 -8 Q44 -30 30 -34 L24 -26 L16 -36 L4 -26 L-6 -38 L-18 -26 L-28 -36 Q-44 -30 -48 -8 Z" fill="${h}"/>`;
    case "long":
      return `<path d="M-52 10 Q-56 -58 0 -58 Q56 -58 52 10 Q46 -24 20 -34 Q-10 -20 -34 -30 Q-48 -16 -52 10 Z" fill="${h}"/><path d="M-20 -48 Q-6 -40 8 -50" stroke="${strand}" stroke-width="3" fill="none"/>`;
    default:
      return `<path d="M-50 -2 Q-52 -58 0 -58 Q52 -58 50 -2 Q42 -30 14 -36 Q-2 -26 -20 -34 Q-44 -28 -50 -2 Z" fill="${h}"/>`;
  }
}

/** The head: same face, hair and glasses on every page; only the expression moves. */
export function drawHead(look: HeroLook, expression: Expression, lookAt: Pt, outline: Outline) {
  const ear = `<circle cx="-47" cy="6" r="10" fill="${look.skin}"${outline}/><circle cx="47" cy="6" r="10" fill="${look.skin}"${outline}/>`;
  const glasses = look.glasses
    ? `<g fill="#ffffff33" stroke="${INK}" stroke-width="3.5"><circle cx="-16" cy="0" r="13"/><circle cx="16" cy="0" r="13"/><path d="M-3 0 H3" fill="none"/></g>`
    : "";
  const freckles = look.freckles
    ? `<g fill="#b5651d" opacity="0.6"><circle cx="-26" cy="12" r="1.8"/><circle cx="-20" cy="16" r="1.8"/><circle cx="-30" cy="17" r="1.8"/><circle cx="20" cy="16" r="1.8"/><circle cx="26" cy="12" r="1.8"/><circle cx="30" cy="17" r="1.8"/></g>`
    : "";
  return `${hairBack(look)}${ear}<circle cx="0" cy="0" r="48" fill="${look.skin}"${outline}/>${hairFront(look)}
<circle cx="-29" cy="14" r="8" fill="#ff7a7a" opacity="0.35"/><circle cx="29" cy="14" r="8" fill="#ff7a7a" opacity="0.35"/>${freckles}
${brows(expression, look.hair)}${eyes(expression, lookAt)}<path d="M-2 8 Q0 11 3 8" stroke="${shade(look.skin, 0.75)}" stroke-width="2.5" fill="none"/>${mouth(expression)}${glasses}`;
}

/** The torso by outfit, hips at y -60 and shoulders at -124. */
function torso(look: HeroLook, outline: Outline) {
  const c = look.outfitColour;
  const dark = shade(c, 0.8);
  switch (look.outfit) {
    case "dress":
      return `<path d="M-30 -126 L30 -126 Q40 -80 60 -34 Q0 -24 -60 -34 Q-40 -80 -30 -126 Z" fill="${c}"${outline}/><path d="M-14 -126 Q0 -112 14 -126" fill="#fff" opacity="0.8"/><path d="M-56 -40 Q0 -30 56 -40" stroke="${dark}" stroke-width="5" fill="none"/>`;
    case "raincoat":
      return `<path d="M-34 -128 L34 -128 Q46 -80 54 -36 Q0 -28 -54 -36 Q-46 -80 -34 -128 Z" fill="${c}"${outline}/><path d="M0 -124 V-34" stroke="${dark}" stroke-width="3"/><circle cx="-8" cy="-104" r="4" fill="${dark}"/><circle cx="-8" cy="-80" r="4" fill="${dark}"/><circle cx="-8" cy="-56" r="4" fill="${dark}"/><path d="M-22 -128 L0 -112 L22 -128" fill="${dark}"/>`;
    case "dungarees":
      return `<rect x="-36" y="-128" width="72" height="70" rx="16" fill="#f7f4ee"${outline}/><path d="M-36 -116 H36 M-36 -102 H36 M-36 -88 H36" stroke="#e9c8c8" stroke-width="5"/><path d="M-28 -98 H28 L32 -50 H-32 Z" fill="${c}"${outline}/><rect x="-26" y="-128" width="8" height="32" fill="${c}"/><rect x="18" y="-128" width="8" height="32" fill="${c}"/><circle cx="-22" cy="-98" r="4" fill="#f5c542"/><circle cx="22" cy="-98" r="4" fill="#f5c542"/><rect x="-12" y="-86" width="24" height="18" rx="3" fill="${dark}"/>`;
    case "hoodie":
      return `<path d="M-30 -124 Q0 -104 30 -124 L34 -136 Q0 -118 -34 -136 Z" fill="${dark}"/><rect x="-38" y="-130" width="76" height="78" rx="20" fill="${c}"${outline}/><path d="M-20 -80 H20 L24 -62 H-24 Z" fill="${dark}"/><path d="M-8 -126 V-104 M8 -126 V-104" stroke="#fff" stroke-width="3" stroke-linecap="round"/>`;
    case "jumper":
      return `<rect x="-38" y="-128" width="76" height="74" rx="20" fill="${c}"${outline}/><rect x="-36" y="-64" width="72" height="10" rx="5" fill="${dark}"/><path d="M-14 -128 Q0 -116 14 -128" stroke="${dark}" stroke-width="5" fill="none"/><path d="M-24 -100 l6 -6 l6 6 l6 -6 l6 6 l6 -6 l6 6 l6 -6 l6 6" stroke="#fff" stroke-width="3" fill="none" opacity="0.7"/>`;
    default:
      return `<rect x="-37" y="-128" width="74" height="72" rx="18" fill="${c}"${outline}/><path d="M-14 -128 Q0 -114 14 -128" fill="${dark}"/><circle cx="0" cy="-94" r="10" fill="#fff" opacity="0.55"/>`;
  }
}

function shoeColour(look: HeroLook) {
  return look.outfit === "raincoat" ? shade(look.outfitColour, 0.85) : "#3a2a24";
}

function legs(look: HeroLook, spec: PoseSpec, outline: Outline) {
  const bareLegs = look.outfit === "dress" || look.outfit === "raincoat";
  const colour = look.outfit === "dungarees" ? look.outfitColour : look.trousers;
  return spec.legs
    .map((limb) => {
      const [, knee, foot] = limb;
      const forward = foot[0] >= knee[0] - 4 ? 1 : -1;
      const leg = bareLegs ? stroke(limbPath(limb), look.skin, 14, outline) : stroke(limbPath(limb), colour, 24, outline);
      // Wellies with a raincoat reach up the shin.
      const boot = look.outfit === "raincoat" ? stroke(`M${r1(pointAt(limb, 0.7)[0])} ${r1(pointAt(limb, 0.7)[1])} L${foot[0]} ${foot[1]}`, shoeColour(look), 18, "") : "";
      return `${leg}${boot}<ellipse cx="${foot[0] + forward * 6}" cy="${foot[1] + 2}" rx="18" ry="9.5" fill="${shoeColour(look)}"${outline}/>`;
    })
    .join("");
}

function arms(look: HeroLook, spec: PoseSpec, outline: Outline) {
  const sleeve = look.outfit === "tshirt" || look.outfit === "dress" || look.outfit === "dungarees" ? 0.4 : 0.86;
  const sleeveColour = look.outfit === "dungarees" ? "#f7f4ee" : look.outfitColour;
  return spec.arms
    .map((limb) => {
      const hand = limb[2];
      return `${stroke(limbPath(limb), look.skin, 13, outline)}${stroke(limbPath(limb, sleeve), sleeveColour, 18, "")}<circle cx="${hand[0]}" cy="${hand[1]}" r="8.5" fill="${look.skin}"${outline}/>`;
    })
    .join("");
}

export interface HeroPlacement {
  x: number;
  y: number;
  scale: number;
  pose: Pose;
  /** 1 faces right, -1 faces left. */
  facing: 1 | -1;
  expression?: Expression;
  /** Something in the hands (drawn at the hands for `hold`). */
  held?: string;
  /** Who this is: the hero, or someone drawn the same way (a sibling, a grandparent). */
  part?: "hero" | "person";
}

/**
 * The hero, drawn the same way on every page (hair, skin, clothes, glasses);
 * only the pose and expression change with the story.
 */
export function drawHero(look: HeroLook, placement: HeroPlacement, outline: Outline) {
  const { x, y, scale, facing } = placement;
  const flip = facing === -1 ? " scale(-1 1)" : "";
  if (placement.pose === "inBed") {
    // In bed only the head and shoulders show above the blanket.
    const head = drawHead(look, "sleep", [0, 0], outline);
    return `<g data-part="${placement.part ?? "hero"}" data-pose="inBed" transform="translate(${x} ${y}) scale(${scale})${flip}"><rect x="-40" y="-60" width="80" height="70" rx="22" fill="${look.outfitColour}"${outline}/><g transform="translate(0 -100) rotate(-14)">${head}</g></g>`;
  }
  const spec = POSES[placement.pose];
  const expression = placement.expression ?? spec.face;
  const head = `<g transform="translate(0 -178) rotate(${spec.headTilt})">${drawHead(look, expression, spec.look, outline)}</g>`;
  const upper = `<g transform="translate(0 ${spec.drop}) rotate(${spec.lean} 0 -60)">${torso(look, outline)}${spec.handsOverHead ? `${head}${arms(look, spec, outline)}` : `${arms(look, spec, outline)}${head}`}${placement.held ? `<g transform="translate(0 -92)">${placement.held}</g>` : ""}</g>`;
  const body = `<g transform="translate(0 ${-spec.lift})${spec.spin ? ` rotate(${spec.spin} 0 -110)` : ""}">${legs(look, spec, outline)}${upper}</g>`;
  const shadowWidth = spec.drop > 20 ? 80 : 58 - Math.min(spec.lift, 60) * 0.3;
  const shadow = spec.spin ? "" : `<ellipse cx="${spec.drop > 20 ? 24 : 0}" cy="4" rx="${r1(shadowWidth)}" ry="10" fill="#000" opacity="0.13"/>`;
  return `<g data-part="${placement.part ?? "hero"}" data-pose="${placement.pose}" transform="translate(${r1(x)} ${r1(y)}) scale(${r1(scale * 100) / 100})${flip}">${shadow}${body}</g>`;
}
