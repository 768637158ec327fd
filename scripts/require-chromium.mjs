// `npm test` runs end-to-end tests in Debian's Chromium; fail early and say how to install it.
import { existsSync } from 'node:fs';

const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(`\nChromium saknas (${path}); end-to-end-testerna behöver den.\nInstallera med:\n\n  sudo apt-get update && sudo apt-get install -y chromium\n`);
  process.exit(1);
}
