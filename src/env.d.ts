/// <reference types="astro/client" />
declare namespace App {
  interface Locals {
    user: import('../db/schema/auth.ts').User | null;
    session: import('../db/schema/auth.ts').Session | null;
  }
}
