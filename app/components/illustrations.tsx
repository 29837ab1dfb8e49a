/** Inline drawings: no emoji fonts or image requests needed. */
export function LadybirdMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <circle cx="32" cy="36" r="22" fill="#d9363e" />
      <path d="M32 14v44" stroke="#2b1d16" strokeWidth="3" />
      <circle cx="32" cy="15" r="9" fill="#2b1d16" />
      <circle cx="22" cy="31" r="4" fill="#2b1d16" />
      <circle cx="42" cy="31" r="4" fill="#2b1d16" />
      <circle cx="21" cy="45" r="3.5" fill="#2b1d16" />
      <circle cx="43" cy="45" r="3.5" fill="#2b1d16" />
      <circle cx="28.5" cy="13" r="1.8" fill="#fff" />
      <circle cx="35.5" cy="13" r="1.8" fill="#fff" />
    </svg>
  );
}

export function OpenBookDrawing() {
  return (
    <svg width="120" height="84" viewBox="0 0 120 84" aria-hidden="true" focusable="false">
      <path d="M60 16C46 6 24 6 8 10v62c16-4 38-4 52 6V16Z" fill="#fff" stroke="#2b1d16" strokeWidth="3" strokeLinejoin="round" />
      <path d="M60 16c14-10 36-10 52-6v62c-16-4-38-4-52 6V16Z" fill="#fff" stroke="#2b1d16" strokeWidth="3" strokeLinejoin="round" />
      <circle cx="30" cy="32" r="8" fill="#f2b43c" />
      <path d="M14 60c8-10 18-14 40-8v8c-14-3-28-2-40 2Z" fill="#5fb27a" />
      <path d="M70 30h30M70 40h30M70 50h22" stroke="#ecdcc8" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
