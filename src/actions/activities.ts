export const activities = {};
