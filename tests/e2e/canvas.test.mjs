// The value-proposition canvas, built with the keyboard only: names, items, importance,
// links, reordering; the fit check changing; a reload; export and import; axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { open, widget, saved, stored, axe } from './helpers.mjs';

const fit = async (w) => (await w.getByTestId('fit-score').textContent()).trim();

async function type(w, label, text) {
  const field = w.getByLabel(label, { exact: true });
  await field.focus();
  await field.page().keyboard.type(text);
  await field.press('Enter');
}

test('a canvas built with the keyboard alone, with its fit, survives reload, export and import', async () => {
  const { page, context, errors } = await open('/');
  const w = widget(page);
  await w.getByRole('button', { name: 'Value canvas' }).press('Enter');
  await type(w, 'Name of the new canvas', 'Energy check-up service');
  await w.getByLabel('Name of this canvas').waitFor();
  await type(w, 'Add to Customer jobs', 'Keep energy costs under control');
  await type(w, 'Add to Pains', 'Energy bills doubled');
  await type(w, 'Add to Pains', 'No time to find out where energy goes');
  await type(w, 'Add to Products and services', 'On-site energy check-up');
  await type(w, 'Add to Pain relievers', 'Report with savings ranked by payback');
  assert.equal(await fit(w), 'Fit: 0 out of 100');
  assert.match(await w.locator('.gf-warnings').textContent(), /Your top pain “Energy bills doubled” has no pain reliever/);

  // Link the reliever to the first pain: both pains medium (2 + 2), one addressed: 50.
  await w.locator('.gf-block-relievers').getByLabel('Energy bills doubled').press('Space');
  assert.equal(await fit(w), 'Fit: 50 out of 100');
  // The first pain matters more: Medium -> High with the arrow key: 3 of 5 = 60.
  await w.locator('.gf-block-pains .gf-item').first().getByLabel('How much it matters').press('ArrowUp');
  assert.equal(await fit(w), 'Fit: 60 out of 100');

  // Reorder with the keyboard; focus stays on the moved item's controls.
  const up = w.getByRole('button', { name: 'Move up: “No time to find out where energy goes”' });
  await up.press('Enter');
  const pains = await w.locator('.gf-block-pains .gf-item-text').allTextContents();
  assert.deepEqual(pains, ['No time to find out where energy goes', 'Energy bills doubled']);
  const focused = await w.evaluate((el) => el.shadowRoot.activeElement?.getAttribute('aria-label'));
  assert.match(focused ?? '', /No time to find out where energy goes/);

  // Empty items are refused with a message; long ones are capped with a visible counter.
  await w.getByLabel('Add to Gains', { exact: true }).press('Enter');
  await w.getByText('Empty items are not saved').waitFor();
  const long = w.getByLabel('Add to Gains', { exact: true });
  await long.fill('x'.repeat(250));
  assert.equal((await long.inputValue()).length, 200);
  await w.getByText('200 of 200 characters').waitFor();
  await long.fill('');

  await saved(w);
  await page.reload();
  const w2 = widget(page);
  await w2.getByRole('heading', { name: 'Value-proposition canvas' }).waitFor();
  assert.equal(await fit(w2), 'Fit: 60 out of 100');
  assert.equal(await w2.getByLabel('Name of this canvas').inputValue(), 'Energy check-up service');

  const exported = await w2.evaluate((el) => el.exportData());
  assert.equal(exported.canvases.length, 1);
  assert.deepEqual(exported.canvases[0].relievers[0].links, ['p1']);
  await w2.evaluate((el) => el.clearData());
  await w2.getByText('You have no canvas yet.').waitFor();
  await w2.evaluate((el, doc) => el.importData(doc), exported);
  assert.equal(await fit(w2), 'Fit: 60 out of 100');

  // Deleting a pain removes its links cleanly: the reliever now relieves nothing.
  await w2.getByRole('button', { name: 'Delete: “Energy bills doubled”' }).press('Enter');
  assert.match(await w2.locator('.gf-warnings').textContent(), /relieves none of the pains listed/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('pasted HTML is shown as text', async () => {
  const { page, context } = await open('/');
  const w = widget(page);
  await w.getByRole('button', { name: 'Value canvas' }).click();
  await type(w, 'Name of the new canvas', '<b>bold</b>');
  await type(w, 'Add to Customer jobs', '<img src=x onerror="window.__owned=1">');
  assert.equal(await w.locator('.gf-block-jobs .gf-item-text').textContent(), '<img src=x onerror="window.__owned=1">');
  assert.equal(await w.locator('.gf-block-jobs img').count(), 0);
  assert.equal(await page.evaluate(() => window.__owned), undefined);
  await context.close();
});

test('deleting a canvas can be undone; duplicates are independent', async () => {
  const { page, context } = await open('/');
  const w = widget(page);
  await w.getByRole('button', { name: 'Value canvas' }).click();
  await w.getByRole('button', { name: 'Load an example' }).click();
  assert.equal(await fit(w), 'Fit: 75 out of 100');
  await w.getByRole('button', { name: 'Duplicate' }).click();
  assert.equal(await w.getByLabel('Name of this canvas').inputValue(), 'Copy of Example: energy check-up service');
  await w.getByRole('button', { name: 'Delete this canvas' }).click();
  await w.getByRole('button', { name: 'Undo' }).click();
  await w.getByText('Canvas restored.').waitFor();
  assert.equal(await w.locator('#gf-canvas-pick option').count(), 2);
  // Editing the restored copy leaves the original as it was, in storage and after a reload.
  const add = w.getByLabel('Add to Pains', { exact: true });
  await add.fill('Only in the copy');
  await add.press('Enter');
  await page.waitForFunction(() => (localStorage.getItem('greenfit:selfcheck:doc') ?? '').includes('Only in the copy'));
  const texts = (c) => c.pains.map((p) => p.text);
  const check = (doc) => {
    const [original, copy] = doc.canvases;
    assert.notEqual(original.id, copy.id);
    assert.equal(copy.name, 'Copy of Example: energy check-up service');
    assert.ok(texts(copy).includes('Only in the copy'));
    assert.ok(!texts(original).includes('Only in the copy'), 'the original is untouched');
    assert.deepEqual(texts(original), texts(copy).filter((t) => t !== 'Only in the copy'));
  };
  check(await stored(page));
  await page.reload();
  await widget(page).locator('.gf').waitFor();
  check(await widget(page).evaluate((el) => el.exportData()));
  await context.close();
});

test('the canvas starts from self-check results, and axe-core finds no violations', async () => {
  const { page, context } = await open('/');
  const w = widget(page);
  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 1, answers: { 'wc-use': 0, 'ee-use': 1 } }));
  await w.getByRole('button', { name: 'Results' }).click();
  await w.getByRole('button', { name: 'Start a value canvas from these results' }).click();
  const pains = await w.locator('.gf-block-pains .gf-item-text').allTextContents();
  assert.deepEqual(pains, ['We are weak in: Water consumption', 'We are weak in: Energy efficiency']);
  await page.waitForFunction(() => (localStorage.getItem('greenfit:selfcheck:doc') ?? '').includes('We are weak in'));
  const kept = await stored(page);
  assert.deepEqual(kept.canvases[0].pains.map((p) => [p.text, p.importance]),
    [['We are weak in: Water consumption', 3], ['We are weak in: Energy efficiency', 3]]);
  await w.getByRole('button', { name: 'Load an example' }).click();
  assert.deepEqual(await axe(page), [], 'canvas view');
  await context.close();
});

test('the canvas prints on a landscape page, both shapes side by side', async () => {
  const { page, context } = await open('/', { init: () => { window.print = () => { window.__printed = true; window.dispatchEvent(new Event('beforeprint')); }; } });
  const w = widget(page);
  await w.getByRole('button', { name: 'Value canvas' }).click();
  await w.getByRole('button', { name: 'Load an example' }).click();
  await w.getByRole('button', { name: 'Print this canvas' }).click();
  assert.equal(await page.evaluate(() => window.__printed), true);
  await page.emulateMedia({ media: 'print' });
  const columns = await w.locator('.gf-board').evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
  assert.equal(columns, 2, 'value map and customer profile side by side');
  assert.equal(await w.locator('.gf-add').first().evaluate((el) => getComputedStyle(el).display), 'none', 'no forms on paper');
  const shownLinks = await w.locator('.gf-block-relievers .gf-item').first().locator('.gf-check')
    .evaluateAll((rows) => rows.filter((r) => getComputedStyle(r).display !== 'none').map((r) => r.textContent.trim()));
  assert.deepEqual(shownLinks, ['Energy bills have doubled in two years', 'No time to find out where the energy goes'],
    'only the pains this reliever is linked to');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  mkdirSync('tests/e2e/artifacts', { recursive: true });
  writeFileSync('tests/e2e/artifacts/canvas.pdf', pdf);
  const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
  assert.ok(box && Number(box[1]) > Number(box[2]), `a landscape page (${box?.slice(1)})`);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes('landscape')))), false,
    'the landscape page rule is removed after printing');
  await context.close();
});
