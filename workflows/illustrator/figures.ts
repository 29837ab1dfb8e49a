import type { HeroLook } from "./palette";

/** Shapes get an ink outline in the storybook style, nothing otherwise. */
export type Outline = string;

/** The hero, drawn the same way on every page; `pose` varies the arms. */
export function drawHero(look: HeroLook, x: number, y: number, scale: number, pose: number, outline: Outline) {
  const arms =
    pose % 3 === 0
      ? `<path d="M-38 -95 Q-70 -130 -78 -168" /><path d="M38 -95 Q70 -130 78 -168" />`
      : pose % 3 === 1
        ? `<path d="M-38 -95 Q-62 -60 -58 -30" /><path d="M38 -95 Q75 -120 88 -160" />`
        : `<path d="M-38 -95 Q-60 -60 -56 -28" /><path d="M38 -95 Q60 -60 56 -28" />`;
  const body =
    look.outfit === "dress"
      ? `<path d="M-36 -120 L36 -120 L58 -20 L-58 -20 Z" fill="${look.outfitColour}"${outline}/>`
      : look.outfit === "raincoat"
        ? `<path d="M-40 -122 L40 -122 L52 -22 L-52 -22 Z" fill="${look.outfitColour}"${outline}/><circle cx="0" cy="-95" r="4" fill="#fff8"/><circle cx="0" cy="-70" r="4" fill="#fff8"/><circle cx="0" cy="-45" r="4" fill="#fff8"/>`
        : look.outfit === "dungarees"
          ? `<rect x="-38" y="-122" width="76" height="60" rx="14" fill="#f7f4ee"${outline}/><path d="M-36 -95 L36 -95 L40 -20 L-40 -20 Z" fill="${look.outfitColour}"${outline}/><rect x="-26" y="-122" width="8" height="30" fill="${look.outfitColour}"/><rect x="18" y="-122" width="8" height="30" fill="${look.outfitColour}"/>`
          : `<rect x="-40" y="-124" width="80" height="${look.outfit === "hoodie" ? 78 : 70}" rx="18" fill="${look.outfitColour}"${outline}/>`;
  const legs =
    look.outfit === "dress" || look.outfit === "raincoat"
      ? `<rect x="-24" y="-24" width="14" height="24" rx="6" fill="${look.skin}"/><rect x="10" y="-24" width="14" height="24" rx="6" fill="${look.skin}"/>`
      : `<rect x="-30" y="-60" width="26" height="60" rx="10" fill="${look.outfit === "dungarees" ? look.outfitColour : look.trousers}"${outline}/><rect x="4" y="-60" width="26" height="60" rx="10" fill="${look.outfit === "dungarees" ? look.outfitColour : look.trousers}"${outline}/>`;
  const shoes = `<ellipse cx="-20" cy="2" rx="18" ry="9" fill="#3a2a24"/><ellipse cx="20" cy="2" rx="18" ry="9" fill="#3a2a24"/>`;
  const hairBack =
    look.hairStyle === "long"
      ? `<path d="M-50 -190 Q-62 -120 -40 -105 L40 -105 Q62 -120 50 -190 Z" fill="${look.hair}"/>`
      : look.hairStyle === "afro"
        ? `<circle cx="0" cy="-180" r="66" fill="${look.hair}"/>`
        : look.hairStyle === "braids"
          ? `<path d="M-46 -170 Q-60 -120 -52 -90" stroke="${look.hair}" stroke-width="14" fill="none" stroke-linecap="round"/><path d="M46 -170 Q60 -120 52 -90" stroke="${look.hair}" stroke-width="14" fill="none" stroke-linecap="round"/>`
          : "";
  const hairFront =
    look.hairStyle === "curly"
      ? [-36, -18, 0, 18, 36].map((dx, i) => `<circle cx="${dx}" cy="${-214 + (i % 2) * 6}" r="17" fill="${look.hair}"/>`).join("") +
        `<circle cx="-44" cy="-190" r="14" fill="${look.hair}"/><circle cx="44" cy="-190" r="14" fill="${look.hair}"/>`
      : look.hairStyle === "pigtails"
        ? `<path d="M-46 -200 Q0 -240 46 -200 Q30 -214 0 -216 Q-30 -214 -46 -200 Z" fill="${look.hair}"/><circle cx="-58" cy="-196" r="16" fill="${look.hair}"/><circle cx="58" cy="-196" r="16" fill="${look.hair}"/>`
        : look.hairStyle === "bun"
          ? `<path d="M-46 -196 Q0 -240 46 -196 Q30 -214 0 -216 Q-30 -214 -46 -196 Z" fill="${look.hair}"/><circle cx="0" cy="-236" r="18" fill="${look.hair}"/>`
          : look.hairStyle === "afro"
            ? ""
            : `<path d="M-48 -190 Q-44 -238 0 -240 Q44 -238 48 -190 Q30 -212 0 -210 Q-20 -210 -48 -190 Z" fill="${look.hair}"/>`;
  const glasses = look.glasses
    ? `<g fill="none" stroke="#2b1d16" stroke-width="3.5"><circle cx="-16" cy="-180" r="11"/><circle cx="16" cy="-180" r="11"/><path d="M-5 -180 H5"/></g>`
    : "";
  const freckles = look.freckles
    ? `<g fill="#b5651d" opacity="0.6"><circle cx="-24" cy="-166" r="1.6"/><circle cx="-19" cy="-163" r="1.6"/><circle cx="19" cy="-163" r="1.6"/><circle cx="24" cy="-166" r="1.6"/></g>`
    : "";
  return `<g transform="translate(${x} ${y}) scale(${scale})">
  <ellipse cx="0" cy="6" rx="60" ry="10" fill="#000" opacity="0.12"/>
  ${hairBack}${legs}${shoes}${body}
  <g stroke="${look.skin}" stroke-width="15" stroke-linecap="round" fill="none">${arms}</g>
  <circle cx="0" cy="-180" r="46" fill="${look.skin}"${outline}/>
  ${hairFront}
  <circle cx="-16" cy="-182" r="5" fill="#2b1d16"/><circle cx="16" cy="-182" r="5" fill="#2b1d16"/>
  <circle cx="-14.5" cy="-184" r="1.6" fill="#fff"/><circle cx="17.5" cy="-184" r="1.6" fill="#fff"/>
  <circle cx="-28" cy="-164" r="7" fill="#ff8a8a" opacity="0.45"/><circle cx="28" cy="-164" r="7" fill="#ff8a8a" opacity="0.45"/>
  ${freckles}
  <path d="M-13 -160 Q0 -148 13 -160" stroke="#2b1d16" stroke-width="4" fill="none" stroke-linecap="round"/>
  ${glasses}
</g>`;
}

/** The companion, by kind; anything unknown becomes a friendly round critter. */
export function drawCompanion(kind: string, x: number, y: number, scale: number, outline: Outline) {
  const k = kind.toLowerCase();
  const eyes = (dx: number, cy: number) =>
    `<circle cx="${-dx}" cy="${cy}" r="4.5" fill="#2b1d16"/><circle cx="${dx}" cy="${cy}" r="4.5" fill="#2b1d16"/>`;
  let body: string;
  if (/cat|kitten/.test(k)) {
    body = `<ellipse cx="0" cy="-35" rx="42" ry="32" fill="#f0a860"${outline}/><circle cx="0" cy="-85" r="30" fill="#f0a860"${outline}/>
      <path d="M-26 -104 L-20 -132 L-4 -110 Z M26 -104 L20 -132 L4 -110 Z" fill="#f0a860"${outline}/>${eyes(11, -88)}
      <path d="M-5 -76 L5 -76 L0 -71 Z" fill="#e06b6b"/><path d="M40 -40 Q78 -50 68 -92" stroke="#f0a860" stroke-width="10" fill="none" stroke-linecap="round"/>
      <path d="M-12 -96 l-6 -4 M12 -96 l6 -4" stroke="#c77b3a" stroke-width="3"/>`;
  } else if (/dog|puppy/.test(k)) {
    body = `<ellipse cx="0" cy="-36" rx="46" ry="32" fill="#c98f5a"${outline}/><circle cx="0" cy="-88" r="32" fill="#c98f5a"${outline}/>
      <ellipse cx="-30" cy="-86" rx="11" ry="24" fill="#7a5030"/><ellipse cx="30" cy="-86" rx="11" ry="24" fill="#7a5030"/>${eyes(12, -92)}
      <ellipse cx="0" cy="-76" rx="8" ry="6" fill="#2b1d16"/><path d="M44 -44 Q70 -60 64 -80" stroke="#c98f5a" stroke-width="10" fill="none" stroke-linecap="round"/>`;
  } else if (/dragon|dino/.test(k)) {
    const colour = /dragon/.test(k) ? "#5cbf7a" : "#8cc063";
    body = `<ellipse cx="0" cy="-40" rx="50" ry="36" fill="${colour}"${outline}/><circle cx="-30" cy="-92" r="30" fill="${colour}"${outline}/>
      <path d="M40 -40 Q90 -30 96 -70" stroke="${colour}" stroke-width="16" fill="none" stroke-linecap="round"/>
      <path d="M-10 -70 L0 -92 L12 -72 L22 -92 L30 -70" fill="#f5c542"/>${/dragon/.test(k) ? `<path d="M10 -60 Q40 -110 60 -70 Z" fill="#9be0a8"${outline}/>` : ""}
      <circle cx="-40" cy="-98" r="5" fill="#2b1d16"/><circle cx="-22" cy="-98" r="5" fill="#2b1d16"/><path d="M-46 -80 Q-32 -72 -18 -80" stroke="#2b1d16" stroke-width="3" fill="none"/>`;
  } else if (/teddy|bear/.test(k)) {
    body = `<ellipse cx="0" cy="-38" rx="40" ry="36" fill="#b07a4f"${outline}/><circle cx="0" cy="-96" r="30" fill="#b07a4f"${outline}/>
      <circle cx="-24" cy="-120" r="11" fill="#b07a4f"/><circle cx="24" cy="-120" r="11" fill="#b07a4f"/><ellipse cx="0" cy="-86" rx="13" ry="10" fill="#e6c39c"/>${eyes(11, -100)}
      <circle cx="0" cy="-88" r="4" fill="#2b1d16"/><ellipse cx="0" cy="-36" rx="22" ry="20" fill="#e6c39c"/>`;
  } else if (/owl|bird|parrot|duck|penguin/.test(k)) {
    body = `<ellipse cx="0" cy="-50" rx="38" ry="48" fill="#9b7bd1"${outline}/><circle cx="-14" cy="-70" r="13" fill="#fff"/><circle cx="14" cy="-70" r="13" fill="#fff"/>
      ${eyes(14, -70)}<path d="M-6 -56 L6 -56 L0 -44 Z" fill="#f5a742"/><path d="M-38 -40 Q-56 -20 -34 -10" fill="#7d5fb5"/><path d="M38 -40 Q56 -20 34 -10" fill="#7d5fb5"/>`;
  } else if (/fox/.test(k)) {
    body = `<ellipse cx="0" cy="-34" rx="42" ry="30" fill="#e8793a"${outline}/><path d="M-32 -80 L0 -52 L32 -80 L24 -118 L0 -96 L-24 -118 Z" fill="#e8793a"${outline}/>
      <path d="M-14 -66 L0 -52 L14 -66 Z" fill="#fff"/>${eyes(10, -82)}<path d="M40 -34 Q90 -30 80 -80 Q70 -40 40 -40" fill="#e8793a"/>`;
  } else if (/bunny|rabbit/.test(k)) {
    body = `<ellipse cx="0" cy="-36" rx="38" ry="32" fill="#f1ece6"${outline}/><circle cx="0" cy="-86" r="28" fill="#f1ece6"${outline}/>
      <ellipse cx="-12" cy="-136" rx="9" ry="30" fill="#f1ece6"${outline}/><ellipse cx="12" cy="-136" rx="9" ry="30" fill="#f1ece6"${outline}/>${eyes(10, -90)}
      <circle cx="0" cy="-78" r="4" fill="#ef8fb5"/>`;
  } else if (/unicorn|horse|pony/.test(k)) {
    body = `<ellipse cx="0" cy="-60" rx="56" ry="32" fill="#f7f1fb"${outline}/><path d="M30 -80 L52 -130 L80 -120 L66 -80 Z" fill="#f7f1fb"${outline}/>
      ${/unicorn/.test(k) ? `<path d="M66 -128 L78 -170 L82 -124 Z" fill="#f5c542"/>` : ""}<path d="M42 -128 Q30 -110 34 -84" stroke="#ef8fb5" stroke-width="10" fill="none"/>
      <circle cx="68" cy="-114" r="4" fill="#2b1d16"/><rect x="-40" y="-40" width="12" height="40" fill="#f7f1fb"/><rect x="24" y="-40" width="12" height="40" fill="#f7f1fb"/>`;
  } else if (/robot/.test(k)) {
    body = `<rect x="-36" y="-80" width="72" height="70" rx="12" fill="#9fb3c8"${outline}/><rect x="-28" y="-130" width="56" height="44" rx="10" fill="#b9cadb"${outline}/>
      <circle cx="-12" cy="-108" r="6" fill="#4b7fd6"/><circle cx="12" cy="-108" r="6" fill="#4b7fd6"/><path d="M0 -130 V-146" stroke="#2b1d16" stroke-width="4"/><circle cx="0" cy="-150" r="6" fill="#e04b4b"/>`;
  } else {
    body = `<ellipse cx="0" cy="-44" rx="42" ry="40" fill="#f29bb8"${outline}/>${eyes(13, -52)}<path d="M-10 -34 Q0 -26 10 -34" stroke="#2b1d16" stroke-width="3" fill="none"/>`;
  }
  return `<g transform="translate(${x} ${y}) scale(${scale})"><ellipse cx="0" cy="4" rx="44" ry="8" fill="#000" opacity="0.1"/>${body}</g>`;
}
