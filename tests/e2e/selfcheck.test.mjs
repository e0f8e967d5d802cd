// The whole self-check through the UI, checked against the scores tests/scoring.rs computes by
// hand for the same answers; kept results across a reload; the printed report.
// On the page without a configuration: the demo cluster's extra question would change the sums.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { open, widget, saved, tab, axe, stored, reload } from './helpers.mjs';

// From tests/scoring.rs, `the_answer_set_of_the_end_to_end_test`.
const EXPECTED = {
  'resilient-business-models': '50', 'greening-business-processes': '19', 'circular-economy': '44',
  'environmentally-friendly-products': '63', 'sustainable-investment': '30', 'sustainable-innovation': '31',
  'energy-efficiency': '56', 'carbon-footprint': '50', 'waste-management': '19', 'water-consumption': '58',
};

async function answerEverything(w) {
  await w.getByRole('button', { name: 'Start the self-check' }).press('Enter');
  let n = 0;
  for (let area = 0; area < 10; area++) {
    const groups = w.locator('fieldset.gf-question');
    const count = await groups.count();
    for (let q = 0; q < count; q++) {
      // The radios are in order: levels 0 to 4, not relevant, don't know.
      await groups.nth(q).getByRole('radio').nth(n % 7).press('Space');
      n++;
    }
    const next = area < 9 ? 'Next area' : 'See your results';
    await w.getByRole('button', { name: next }).press('Enter');
  }
  return n;
}

async function shownScores(w) {
  const rows = w.locator('table.gf-table tbody tr');
  const scores = {};
  for (let i = 0; i < await rows.count(); i++) {
    const row = rows.nth(i);
    scores[await row.getAttribute('data-area')] = (await row.locator('[data-testid=area-score]').textContent()).trim();
  }
  return scores;
}

test('every answer through the UI gives the scores computed by hand', async () => {
  const { page, context, errors } = await open('/plain.html');
  const w = widget(page);
  assert.equal(await answerEverything(w), 49);
  await w.getByRole('heading', { name: 'Your results' }).waitFor();
  assert.deepEqual(await shownScores(w), EXPECTED);
  assert.equal((await w.getByTestId('overall').textContent()).trim(), 'Overall: 42 out of 100 · Progressing');
  const priorities = await w.locator('.gf-priorities > li h4').allTextContents();
  assert.deepEqual(priorities, [
    'Greening business processes: 19 · Starting',
    'Waste management: 19 · Starting',
    'Sustainable investment: 30 · Progressing',
  ]);
  // Each priority has next steps and public help with links; "don't know" answers are listed.
  const first = w.locator('.gf-priorities > li').first();
  assert.ok(await first.locator('ul').first().locator('li').count() >= 2);
  assert.ok(await first.locator('.gf-resources a[href^="https://"]').count() >= 1);
  assert.ok(await w.locator('.gf-find-out li').count() >= 7);
  // The chart is drawn, and the export agrees with the screen.
  assert.equal(await w.locator('svg.gf-radar .gf-radar-shape').count(), 1);
  const exported = await w.evaluate((el) => el.exportData());
  assert.equal(exported.results.overall, 42);
  assert.deepEqual(errors, []);
  assert.deepEqual(await axe(page), [], 'results view');
  await context.close();
});

test('a choice answers from anywhere on its text, and the two non-levels stand apart', async () => {
  const { page, context, errors } = await open('/plain.html');
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  const question = w.locator('fieldset.gf-question').first();
  const choices = question.locator('.gf-choice');
  assert.equal(await choices.count(), 7);
  // "Not relevant" and "Don't know" are set off from the five levels by a line above them.
  const borders = await choices.evaluateAll((all) => all.map((c) => getComputedStyle(c).borderTopStyle));
  assert.deepEqual(borders, ['none', 'none', 'none', 'none', 'none', 'dashed', 'none']);
  // A click on the end of a level's text answers: the whole text is the radio's label.
  await choices.nth(2).click({ position: { x: (await choices.nth(2).boundingBox()).width - 4, y: 8 } });
  await saved(w);
  const id = await question.getByRole('radio').first().getAttribute('name');
  assert.equal((await stored(page)).answers[id], 2);
  await reload(page);
  await widget(page).locator('fieldset.gf-question').first().getByRole('radio').nth(2).waitFor();
  assert.equal(await widget(page).locator('fieldset.gf-question').first().getByRole('radio').nth(2).isChecked(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a kept result survives a reload and shows the change per area', async () => {
  const { page, context } = await open('/plain.html');
  const w = widget(page);
  await answerEverything(w);
  await w.getByRole('button', { name: 'Keep this result' }).click();
  await w.getByText('Result kept.').waitFor();
  await saved(w);
  await page.reload();
  const w2 = widget(page);
  await w2.getByRole('heading', { name: 'Your results' }).waitFor();
  assert.match(await w2.locator('table.gf-table thead').textContent(), /Change since/);
  // Energy efficiency: the "don't know" on monthly checks becomes level 4: 9/16 -> 13/16 = 81.
  await tab(w2, 'Self-check');
  await w2.getByRole('button', { name: 'Energy efficiency' }).click();
  await w2.getByRole('group', { name: /check your energy use every month/ })
    .getByLabel('Automatically, with alerts and an energy target.').check();
  await saved(w2);
  await tab(w2, 'Results');
  const energy = w2.locator('tr[data-area="energy-efficiency"] td');
  assert.equal((await energy.nth(0).textContent()).trim(), '81');
  assert.equal((await energy.nth(2).textContent()).trim(), '+25');
  assert.equal((await w2.locator('tr[data-area="water-consumption"] td').nth(2).textContent()).trim(), '±0');
  await context.close();
});

test('the printed report shows the widget alone, with chart and table', async () => {
  const { page, context } = await open('/plain.html', { init: () => { window.print = () => { window.__printed = true; window.dispatchEvent(new Event('beforeprint')); }; } });
  const w = widget(page);
  await answerEverything(w);
  await w.getByRole('button', { name: 'Print or save as PDF' }).click();
  assert.equal(await page.evaluate(() => window.__printed), true);
  await page.emulateMedia({ media: 'print' });
  const display = (locator) => locator.evaluate((el) => getComputedStyle(el).display);
  assert.equal(await display(page.locator('.site-header')), 'none', 'the host page is hidden');
  assert.equal(await display(page.locator('aside')), 'none');
  assert.equal(await display(w.locator('.gf-nav')), 'none', 'no navigation on paper');
  assert.equal(await display(w.locator('.gf-actions').first()), 'none', 'no buttons on paper');
  assert.notEqual(await display(w.locator('table.gf-table')), 'none');
  assert.notEqual(await display(w.locator('svg.gf-radar')), 'none');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  mkdirSync('tests/e2e/artifacts', { recursive: true });
  writeFileSync('tests/e2e/artifacts/report.pdf', pdf);
  assert.ok(pdf.length > 20_000, `a real PDF (${pdf.length} bytes)`);
  // After printing, the page is itself again.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-greenfit-printing')), false);
  await context.close();
});
