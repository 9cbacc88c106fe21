/**
 * How the browser tests start Chromium: Debian's binary (CHROMIUM_PATH for another), headless,
 * WebGL on SwiftShader for MapLibre. TRUCELINE_SKIP_BROWSER=1 skips them on a machine without one.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SKIP_BROWSER = process.env.TRUCELINE_SKIP_BROWSER === '1';
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
