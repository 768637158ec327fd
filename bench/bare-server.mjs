// The practical limit for a page: a bare node:http server (own process, like the portal) that answers
// every request with the same bytes the portal sent. Usage: node bench/bare-server.mjs <file> <content-type> <port> [content-encoding]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, contentType, port, contentEncoding] = process.argv.slice(2);
const body = readFileSync(file);
const headers = { 'content-type': contentType, 'content-length': body.length, ...(contentEncoding ? { 'content-encoding': contentEncoding } : {}) };
const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.keepAliveTimeout = 5000;
server.listen(Number(port), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
