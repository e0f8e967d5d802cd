// Accessibility: the whole self-check with the keyboard alone (Tab, arrows, Enter: no mouse,
// no programmatic focus), and axe-core (WCAG 2.1 A and AA) on every view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, widget, tab, axe, stored, reload } from './helpers.mjs';

/** What has focus, looking inside shadow roots. */
const focused = (page) => page.evaluate(() => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return { tag: el?.tagName, type: el?.getAttribute('type'), name: el?.getAttribute('name'), text: el?.textContent?.trim() };
});

test('the whole self-check can be done with the keyboard alone', async () => {
  const { page, context } = await open('/plain.html');
  // From the top of the page, Tab to the widget's start button.
  let steps = 0;
  while ((await focused(page)).text !== 'Start the self-check') {
    await page.keyboard.press('Tab');
    assert.ok(++steps < 40, 'the start button is reachable by Tab');
  }
  await page.keyboard.press('Enter');
  let groups = 0;
  for (let area = 0; area < 10; area++) {
    // Focus moved to the area's heading; Tab through its questions.
    for (let guard = 0; ; guard++) {
      assert.ok(guard < 60, `area ${area + 1}: got stuck`);
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (now.type === 'radio') {
        // Arrow keys move within a radio group and choose: the third answer is level 2.
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        groups++;
      } else if (now.text === 'Next area' || now.text === 'See your results') {
        await page.keyboard.press('Enter');
        break;
      }
    }
  }
  assert.equal(groups, 49);
  const w = widget(page);
  await w.getByRole('heading', { name: 'Your results' }).waitFor();
  assert.equal((await w.getByTestId('overall').textContent()).trim(), 'Overall: 50 out of 100 · Established');
  assert.match(await w.locator('.gf-hint').first().textContent(), /You answered 49 of 49 questions/);
  assert.equal((await focused(page)).tag, 'H2', 'focus moved to the results heading');
  // What the arrow keys chose is what is stored (each question's one listener read the radio
  // it came from), and a reload brings it back.
  await page.waitForFunction(() => Object.keys(JSON.parse(
    localStorage.getItem('greenfit:selfcheck:doc') ?? '{"answers":{}}').answers ?? {}).length === 49);
  const answers = Object.values((await stored(page)).answers);
  assert.equal(answers.length, 49);
  assert.ok(answers.every((a) => a === 2), JSON.stringify(answers));
  await reload(page);
  await tab(widget(page), 'Results');
  assert.equal((await widget(page).getByTestId('overall').textContent()).trim(), 'Overall: 50 out of 100 · Established');
  await context.close();
});

test('axe-core finds no violations on any view, on screen and in print', async () => {
  const { page, context } = await open('/plain.html');
  const w = widget(page);
  assert.deepEqual(await axe(page), [], 'introduction');
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  for (let area = 1; area <= 10; area++) {
    assert.deepEqual(await axe(page), [], `area ${area}`);
    await w.getByRole('group').first().getByRole('radio').nth(2).check();
    await w.getByRole('button', { name: area < 10 ? 'Next area' : 'See your results' }).click();
  }
  await w.getByRole('button', { name: 'Keep this result' }).click();
  assert.deepEqual(await axe(page), [], 'results with a kept result and a notice');
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(await axe(page), [], 'results, print layout');
  await page.emulateMedia({ media: 'screen' });
  await tab(w, 'Value canvas');
  assert.deepEqual(await axe(page), [], 'canvas, empty');
  await w.getByRole('button', { name: 'Load an example' }).click();
  await w.getByRole('button', { name: 'Edit: “Keep energy costs under control”' }).click();
  assert.deepEqual(await axe(page), [], 'canvas, with an item being edited');
  await tab(w, 'Your data');
  await w.getByRole('button', { name: 'Delete all my data' }).click();
  assert.deepEqual(await axe(page), [], 'data panel, confirming deletion');
  await context.close();
});

test('dark mode and a 320 px wide phone pass too', async () => {
  const { page, context } = await open('/plain.html', { viewport: { width: 320, height: 640 }, media: { colorScheme: 'dark' } });
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  assert.deepEqual(await axe(page), [], 'first area, dark, 320 px');
  const overflow = () => w.locator('.gf').evaluate((el) => el.scrollWidth - el.clientWidth);
  assert.ok(await overflow() <= 1, `no horizontal scrolling (${await overflow()}px)`);
  // Polish has the longest words: results (with the chart) and a full canvas still fit.
  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 1, answers: { 'ee-use': 1, 'wc-use': 2 } }));
  await w.locator('#gf-lang').selectOption('pl');
  await w.locator('.gf[lang="pl"]').waitFor();
  await w.locator('.gf-nav button').nth(1).click();
  assert.ok(await overflow() <= 1, `Polish results fit 320 px (${await overflow()}px)`);
  await w.locator('.gf-nav button').nth(2).click();
  await w.locator('.gf-canvas .gf-panel button').last().click();
  assert.ok(await overflow() <= 1, `Polish canvas fits 320 px (${await overflow()}px)`);
  assert.deepEqual(await axe(page), [], 'Polish canvas, dark, 320 px');
  await context.close();
});

test('every language: axe-core finds no violations on any view', async () => {
  const { page, context } = await open('/plain.html');
  const w = widget(page);
  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 1, answers: { 'ee-use': 1, 'wc-use': 'dont_know', 'rbm-risks': 3 } }));
  for (const lang of ['de', 'fr', 'es', 'it', 'pl']) {
    await w.locator('#gf-lang').selectOption(lang);
    await w.locator(`.gf[lang="${lang}"]`).waitFor();
    const tabs = w.locator('.gf-nav button');
    const views = ['self-check start', 'results', 'canvas', 'data panel'];
    for (const [i, view] of views.entries()) {
      await tabs.nth(i).click();
      if (view === 'canvas') await w.locator('.gf-canvas .gf-panel button').last().click(); // load the example
      assert.deepEqual(await axe(page), [], `${lang}: ${view}`);
    }
    await tabs.nth(1).click();
    await page.emulateMedia({ media: 'print' });
    assert.deepEqual(await axe(page), [], `${lang}: results, print layout`);
    await page.emulateMedia({ media: 'screen' });
    await tabs.nth(0).click();
    const steps = w.locator('.gf-steps button');
    for (let area = 0; area < 10; area++) {
      await steps.nth(area).click();
      assert.deepEqual(await axe(page), [], `${lang}: area ${area + 1}`);
    }
    // No English UI string leaks into a translated widget (a missing key would show English).
    const text = await w.locator('.gf-nav').textContent();
    assert.ok(!/Self-check|Results|Your data/.test(text), `${lang}: ${text}`);
  }
  await context.close();
});

test('focus is never lost with the button that had it: sharing closed, delete asked, an edit cancelled', async () => {
  const { page, context } = await open('/');
  const w = widget(page);
  const label = () => w.evaluate((el) => {
    const a = el.shadowRoot.activeElement;
    return a ? (a.getAttribute('aria-label') ?? a.textContent.trim()) : null;
  });
  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 2, answers: { 'rbm-risks': 1 } }));
  // The sharing panel: opening moves focus to its heading, closing back to its button.
  await tab(w, 'Results');
  const share = w.getByRole('button', { name: 'Share with Alpine Green Industries Cluster' });
  await share.click();
  assert.equal(await w.evaluate((el) => el.shadowRoot.activeElement?.id), 'gf-share-title');
  await w.locator('[data-testid=share]').getByRole('button', { name: 'Close' }).click();
  assert.equal(await label(), 'Share with Alpine Green Industries Cluster');
  // A canvas item: Edit focuses its field, Cancel its Edit button again.
  await tab(w, 'Value canvas');
  await w.getByLabel('Name of the new canvas', { exact: true }).fill('Focus');
  await w.getByLabel('Name of the new canvas', { exact: true }).press('Enter');
  await w.getByLabel('Add to Customer jobs').fill('Cut energy bills');
  await w.getByLabel('Add to Customer jobs').press('Enter');
  await w.getByRole('button', { name: 'Edit: “Cut energy bills”' }).click();
  assert.equal(await w.evaluate((el) => el.shadowRoot.activeElement?.getAttribute('type')), 'text');
  await w.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await label(), 'Edit: “Cut energy bills”');
  // Delete everything: asking focuses Cancel; confirming deletes what is stored.
  await tab(w, 'Your data');
  await w.getByRole('button', { name: 'Delete all my data' }).click();
  assert.equal(await label(), 'Cancel');
  assert.ok((await stored(page)).canvases.length === 1, 'nothing deleted by asking');
  await w.getByRole('button', { name: 'Yes, delete everything' }).click();
  await reload(page);
  assert.equal(await stored(page), null, 'deleted, and still after a reload');
  await context.close();
});
