// `npm test` runs end-to-end tests in Debian's Chromium; fail early and say how to install it.
import { existsSync } from 'node:fs';

const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(`\nChromium saknas (${path}); end-to-end-testerna behöver den.\nInstallera med:\n\n  sudo apt-get update && sudo apt-get install -y chromium\n`);
  process.exit(1);
}
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(`Node ${process.versions.node} är för gammal: Node 24 LTS (minst 22.12) krävs.`);
  process.exit(1);
}
