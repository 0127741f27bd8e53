/**
 * The import aliases WXT declares (in its generated .wxt/tsconfig.json: `@/`, `~/`, `@@/`, `~~/` = the
 * project root), for dependency-cruiser's resolver: it reads tsconfig paths relative to the project root,
 * and WXT's are written relative to .wxt/.
 */
const root = __dirname;
module.exports = { resolve: { alias: { '@': root, '~': root, '@@': root, '~~': root } } };
