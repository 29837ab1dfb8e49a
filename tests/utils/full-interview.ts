/** A parent's answers that complete the offline storyteller's interview. */
export const FULL_INTERVIEW = [
  "Maya",
  "she's 5 and loves trains and her cat Miso",
  "curly black hair, glasses and a yellow raincoat",
  "in the forest",
  "Being brave",
  "funny",
  "Watercolour",
  "8 pages",
  "For Maya, who is braver than she knows",
];
