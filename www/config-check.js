// The config check page: previews a pasted configuration in a fresh widget and lists its
// problems. The configuration goes into the widget inline, so nothing is fetched or sent.
const textarea = document.getElementById('config');
const preview = document.getElementById('preview');
const result = document.getElementById('result');
const problems = document.getElementById('problems');

async function check() {
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
  const found = widget.configProblems();
  problems.replaceChildren(...found.map((text) => {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  }));
  result.textContent = found.length === 0
    ? 'No problems found. The preview shows your configuration.'
    : `${found.length} problem(s) found. The widget ignores these settings and uses its defaults.`;
}

document.getElementById('check').addEventListener('click', check);
const example = await fetch('greenfit.json');
textarea.value = await example.text();
check();
