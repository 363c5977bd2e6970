/// <reference types="astro/client" />
// Vite's `?url` / `?worker&url` imports and import.meta.env, also without a prior `astro build`.
