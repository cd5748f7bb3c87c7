import pkg from "../package.json";

export const VERSION: string = (pkg as { version: string }).version;

/** The project's home (package.json "homepage"): SARIF's informationUri and the base of its rule help links. */
export const HOMEPAGE: string = (pkg as { homepage: string }).homepage;

/** Where a rule's documentation is read on the web (docs/rules.md, one section a rule). */
export function ruleDocsUrl(id: string, page = "docs/rules.md"): string {
  return `${HOMEPAGE}/blob/main/${page}#${id}`;
}
