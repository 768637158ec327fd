// Fixed vocabularies for guide filters; the guide schema validates against them.
export const METHODS = [
  '7TJUGO',
  'Supported Employment och IPS',
  'Mentorskap',
  'Tjänstedesign',
  'Samverkan',
  'Motivationsutbildning',
  'Uppföljning',
] as const;

export const AUDIENCES = [
  'Coacher och handledare',
  'Mentorer',
  'Studie- och yrkesvägledare',
  'Socialsekreterare',
  'Arbetsmarknadshandläggare',
  'Chefer och projektledare',
] as const;

export type Method = (typeof METHODS)[number];
export type Audience = (typeof AUDIENCES)[number];
