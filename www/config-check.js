// The config check page: previews a pasted configuration in a fresh widget and lists its
// problems. The configuration goes into the widget inline, so nothing is fetched or sent.
const textarea = document.getElementById('config');
const preview = document.getElementById('preview');
const result = document.getElementById('result');
const problems = document.getElementById('problems');
const position = document.getElementById('position');

/** Line and column (from 1) of a character offset in the text. */
function lineColumn(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function showPosition() {
  const { line, column } = lineColumn(textarea.value, textarea.selectionStart);
  position.textContent = `Line ${line}, column ${column}`;
}
for (const event of ['keyup', 'click', 'select', 'input', 'focus']) textarea.addEventListener(event, showPosition);

/** Puts the caret at a line and column of the editor. */
function goTo(line, column) {
  const lines = textarea.value.split('\n');
  const offset = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0)
    + Math.min(Math.max(column - 1, 0), (lines[line - 1] ?? '').length);
  textarea.focus();
  textarea.setSelectionRange(offset, offset);
  showPosition();
}

// Each check replaces the one before: a check still waiting for its widget when the next
// starts must not write its result over the newer one's.
let checks = 0;

async function check() {
  const run = ++checks;
  // The result of the text before is gone at once: an admin who changed the text and checked
  // again must never read the old verdict as the new one.
  result.textContent = 'Checking…';
  problems.replaceChildren();
  preview.replaceChildren();
  const widget = document.createElement('greenfit-widget');
  widget.setAttribute('storage-key', 'config-check');
  const json = document.createElement('script');
  json.type = 'application/json';
  json.textContent = textarea.value;
  widget.append(json);
  preview.append(widget);
  await customElements.whenDefined('greenfit-widget');
  // Problems are known once the widget has read its configuration and loaded its language:
  // asking earlier would find none and say "No problems found" for a broken configuration.
  await widget.ready;
  if (run !== checks) return;
  const found = widget.configProblems();
  problems.replaceChildren(...found.map((text) => {
    const item = document.createElement('li');
    item.textContent = text;
    // A problem that names a place in the text gets a button that goes there.
    const at = /\(line (\d+), column (\d+)\)/.exec(text);
    if (at) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `Go to line ${at[1]}`;
      button.addEventListener('click', () => goTo(Number(at[1]), Number(at[2])));
      item.append(button);
    }
    return item;
  }));
  result.textContent = found.length === 0
    ? 'No problems found. The preview shows your configuration.'
    : `${found.length} problem(s) found. The widget ignores these settings and uses its defaults.`;
}

document.getElementById('check').addEventListener('click', check);
// Your configuration when it sits next to this page, else the sample of a release folder.
for (const name of ['greenfit.json', 'greenfit.sample.json']) {
  const response = await fetch(name).catch(() => null);
  if (response?.ok) {
    textarea.value = await response.text();
    break;
  }
}
check();
