// Builds the static site into dist/: the page sources, the default config.json, and the
// USWDS stylesheet with exactly the fonts and images that it references, so that the page
// loads nothing from another origin.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const uswdsDist = join(root, 'node_modules', '@uswds', 'uswds', 'dist');
const uswdsOut = join(dist, 'vendor', 'uswds');

// Returns the relative paths of the files that a stylesheet loads with url(...).
function referencedAssets(css) {
  const paths = new Set();
  for (const match of css.matchAll(/url\(\s*['"]?([^'")]+?)['"]?\s*\)/g)) {
    const url = match[1];
    if (url.startsWith('data:') || url.startsWith('#')) continue;
    paths.add(url.split(/[?#]/)[0]);
  }
  return [...paths];
}

async function copyUswds() {
  const cssPath = join(uswdsDist, 'css', 'uswds.min.css');
  const css = await readFile(cssPath, 'utf8');
  await mkdir(join(uswdsOut, 'css'), { recursive: true });
  await writeFile(join(uswdsOut, 'css', 'uswds.min.css'), css);

  const assets = referencedAssets(css);
  for (const asset of assets) {
    const source = resolve(uswdsDist, 'css', asset);
    if (!source.startsWith(uswdsDist + '/')) {
      throw new Error(`USWDS stylesheet references a file outside its package: ${asset}`);
    }
    const target = resolve(uswdsOut, 'css', asset);
    await mkdir(dirname(target), { recursive: true });
    await cp(source, target);
  }
  return assets.length;
}

async function build() {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  await cp(join(root, 'src'), dist, { recursive: true });
  await cp(join(root, 'public'), dist, { recursive: true });
  const assetCount = await copyUswds();
  console.log(`Built ${dist} with the USWDS stylesheet and ${assetCount} of its assets.`);
}

build().catch((error) => {
  console.error(`Build failed: ${error.message}`);
  process.exitCode = 1;
});
