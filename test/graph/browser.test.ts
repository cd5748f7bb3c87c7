/**
 * The HTML report of examples/ in a real browser (Debian's Chromium driven by playwright-core):
 * the pictures render (every state box has a size, no two overlap, names fit their boxes), a
 * click on a diagnostic highlights its state and a click on a state its diagnostics, in a
 * template in the picture of the diagnostic's state machine. Saves a
 * screenshot; `UPDATE_SCREENSHOT=1` writes it to docs/graph-report.png, which the README shows.
 *
 * Skipped when there is no Chromium (a developer's machine); CI installs it (.ci/run), and there
 * a missing browser fails the test instead.
 */
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { runCli } from "../helpers.js";

const root = join(__dirname, "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const present = existsSync(CHROMIUM);
if (!present && !process.env.CI) console.warn(`browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium; CI installs it)`);

describe.skipIf(!present && !process.env.CI)("the HTML report in Chromium", () => {
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), "aslint-browser-"));

  beforeAll(async () => {
    expect(present, `Chromium at ${CHROMIUM} (CI installs the Debian package in .ci/run)`).toBe(true);
    const report = join(dir, "report.html");
    // and a template with three state machines, one of them defined in a file of its own
    const r = await runCli(["--format", "html", "-o", report, "examples", "test/graph/templates"], { cwd: root });
    expect(r.stderr).toBe("");
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // as root in a sandbox with no network: no sandbox, no GPU, no calls home
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // works offline: any request to the network would fail the test
    const requests: string[] = [];
    page.on("request", (req) => {
      if (!req.url().startsWith("file:")) requests.push(req.url());
    });
    await page.goto(`file://${report}`);
    expect(requests).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders every picture: state boxes with a size, none overlapping another, names inside", async () => {
    const pictures = await page.$$eval("svg.aslint-graph", (svgs) =>
      svgs.map((svg) => {
        const rect = (e: Element) => {
          const r = e.getBoundingClientRect();
          return { x1: r.left, y1: r.top, x2: r.right, y2: r.bottom, w: r.width, h: r.height };
        };
        const boxes = [...svg.querySelectorAll("g.state, g.ghost, g.start:not(.edge), g.end:not(.edge)")].map((g) => {
          const shape = g.querySelector(g.classList.contains("container") ? ":scope > .frame" : ":scope > .shape")!;
          const texts = [...g.querySelectorAll(":scope > text")].map((t) => rect(t));
          return { name: g.getAttribute("data-name") ?? g.id, container: g.classList.contains("container"), box: rect(shape), texts, header: g.classList.contains("container") ? rect(g.querySelector(":scope > .shape")!) : undefined };
        });
        return { title: svg.querySelector("title")?.textContent ?? "", width: svg.getBoundingClientRect().width, boxes };
      }),
    );
    expect(pictures.length).toBeGreaterThanOrEqual(8);
    for (const picture of pictures) {
      expect(picture.width, picture.title).toBeGreaterThan(50);
      for (const b of picture.boxes) {
        expect(b.box.w, `${picture.title}: ${b.name}`).toBeGreaterThan(5);
        expect(b.box.h, `${picture.title}: ${b.name}`).toBeGreaterThan(5);
        // the name (and detail) fit the box they label (a container's header box)
        const label = b.header ?? b.box;
        for (const t of b.texts) {
          expect(t.x1, `${picture.title}: ${b.name} text`).toBeGreaterThanOrEqual(label.x1 - 1);
          expect(t.x2, `${picture.title}: ${b.name} text`).toBeLessThanOrEqual(label.x2 + 1);
        }
      }
      // two boxes are apart, or one holds the other (a container and what is inside it)
      const inside = (a: (typeof picture.boxes)[number]["box"], b: typeof a) => a.x1 >= b.x1 - 0.5 && a.x2 <= b.x2 + 0.5 && a.y1 >= b.y1 - 0.5 && a.y2 <= b.y2 + 0.5;
      for (let i = 0; i < picture.boxes.length; i++) {
        for (let j = i + 1; j < picture.boxes.length; j++) {
          const a = picture.boxes[i].box;
          const b = picture.boxes[j].box;
          const apart = a.x2 <= b.x1 + 0.5 || b.x2 <= a.x1 + 0.5 || a.y2 <= b.y1 + 0.5 || b.y2 <= a.y1 + 0.5;
          const nested = (picture.boxes[j].container && inside(a, b)) || (picture.boxes[i].container && inside(b, a));
          expect(apart || nested, `${picture.title}: "${picture.boxes[i].name}" and "${picture.boxes[j].name}" overlap`).toBe(true);
        }
      }
    }
  });

  it("highlights the state of a clicked diagnostic, and the diagnostics of a clicked state", async () => {
    const section = page.locator("section.file", { hasText: "examples/common-mistakes.asl.json" });
    const missing = section.locator("li.diagnostic", { hasText: 'Next target "Procss" does not exist' });
    await missing.click();
    expect(await missing.getAttribute("class")).toContain("selected");
    // the transition and the ghost it ends at
    const selected = await section.locator("svg .selected").evaluateAll((els) => els.map((e) => `${e.getAttribute("class")}|${e.getAttribute("data-name") ?? ""}`));
    expect(selected.some((s) => s.startsWith("edge next") && s.includes("selected"))).toBe(true);
    expect(selected.some((s) => s.startsWith("ghost") && s.endsWith("|Procss"))).toBe(true);
    // the highlight is drawn: the ghost's outline is thicker than before
    const ghostStroke = await section.locator("svg g.ghost > .shape").evaluate((e) => getComputedStyle(e).strokeWidth);
    expect(parseFloat(ghostStroke)).toBeGreaterThanOrEqual(4);

    // the other way: a click on the state "Cleanup" selects its two diagnostics and nothing else
    await section.locator('svg g.state[data-name="Cleanup"]').click();
    const picked = await section.locator("li.diagnostic.selected .rule").allTextContents();
    expect(picked.sort()).toEqual(["next-or-end", "unreachable-state"]);
    expect(await missing.getAttribute("class")).not.toContain("selected");

    // the screenshot the README shows: this file, the "Procss" diagnostic picked
    await missing.click();
    const out = process.env.UPDATE_SCREENSHOT ? join(root, "docs", "graph-report.png") : join(dir, "graph-report.png");
    await section.screenshot({ path: out });
    expect(statSync(out).size).toBeGreaterThan(10_000);
  });

  it("in a template, highlights the state in the picture of the diagnostic's own state machine", async () => {
    const selected = () => page.locator("svg .selected").evaluateAll((els) => els.map((e) => `${e.closest("section")!.querySelector("h2")!.textContent}|${e.getAttribute("data-name") ?? e.id}`));
    const refunds = page.locator("section.file", { hasText: "· RefundsStateMachine" });
    await refunds.locator("li.diagnostic", { hasText: '"HeartbeatSeconds" (20) must be smaller' }).click();
    expect(await selected()).toEqual(["FAIL test/graph/templates/sam/template.yaml · RefundsStateMachine|Refund"]);
    const orders = page.locator("section.file", { hasText: "· OrdersStateMachine" }).filter({ hasText: "test/graph/templates" });
    await orders.locator("li.diagnostic", { hasText: 'Next target "Recrod" does not exist' }).click();
    // the transition and the ghost, in this picture only
    const picked = await selected();
    expect(picked).toHaveLength(2);
    expect(picked.some((s) => s.endsWith("|Recrod"))).toBe(true);
    expect(picked.every((s) => s.startsWith("FAIL test/graph/templates/sam/template.yaml · OrdersStateMachine|"))).toBe(true);

    // the template's finding about a machine defined in its own file: Start of the picture beside that file, and back
    const inTemplate = page.locator("section.file", { hasText: "The picture of AuditStateMachine is with its definition" });
    const unused = inTemplate.locator("li.diagnostic", { hasText: 'Substitution "Unused" is never used' });
    await unused.click();
    const start = await selected();
    expect(start).toHaveLength(1);
    expect(start[0]).toMatch(/^OK test\/graph\/templates\/sam\/statemachine\/audit\.asl\.json · AuditStateMachine\|f\d+-start$/);
    await page.locator("section.file", { hasText: "audit.asl.json · AuditStateMachine" }).locator("svg g.start:not(.edge)").click();
    expect(await unused.getAttribute("class")).toContain("selected");
  });
});
