// drizzle-kit reads every file in db/schema; the app imports the tables from here.
export * from './organisations.ts';
export * from './auth.ts';
export * from './mail.ts';
export * from './activities.ts';
export * from './clusters.ts';
export * from './collab.ts';
