// Demo data for trying the portal out: loaded by the start path (scripts/serve.mjs, which `npm start`
// runs) into an empty database, never in production and not with DEMO_DATA=off. The portal's own code
// (src/lib/db.ts) only opens and migrates; the seed modules are loaded here and nowhere in the bundle.
/** Fills an empty database with demo data and prints the demo log-ins; a database with data is left alone. */
export async function loadDemoData(databasePath) {
  // Loaded only when wanted, so a production start never reads the seed modules.
  const { openDb } = await import('#lib/db.ts');
  const { loadDemoDataIfEmpty } = await import('#db/seed/index.ts');
  const db = openDb(databasePath);
  try {
    const logins = loadDemoDataIfEmpty(db);
    if (!logins) return;
    console.log('Demodata inläst. Inloggningar:');
    for (const l of logins) console.log(`  ${l.role}: ${l.email}  lösenord: ${l.password}`);
  } finally {
    db.$client.close();
  }
}
