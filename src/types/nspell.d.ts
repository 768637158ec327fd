// nspell ships no types; only the parts the build uses.
declare module 'nspell' {
  interface Spell {
    correct(word: string): boolean;
  }
  export default function nspell(dictionary: { aff: Uint8Array; dic: Uint8Array }): Spell;
}
