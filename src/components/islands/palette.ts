/** Colours of live writers (carets, selections, the list of who is writing); white text on each passes AA. */
export const PALETTE = ['#1f5fa8', '#9c2d7a', '#2e6b30', '#a3420c', '#5a3fa0', '#00696b', '#8a1c1c', '#6b5200'];

export interface LiveUser {
  name: string;
  colorIndex: number;
}
