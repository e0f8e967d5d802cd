// Settings → greenfit: checks the configuration with greenfit itself (a preview widget with the
// configuration inline, the same rules and messages as the config check page) and sends the
// form only when it finds no problem. Nothing leaves the page but the form itself.
const form = document.getElementById('greenfit-settings');
const textarea = document.getElementById('greenfit-config');
const upload = document.getElementById('greenfit-upload');
const status = document.getElementById('greenfit-check');
const list = document.getElementById('greenfit-problems');
const preview = document.getElementById('greenfit-preview');

// Each check replaces the one before (a file chosen while a check runs, a save pressed at once):
// an older check must not write its verdict over the newer one's.
let checks = 0;

async function check() {
  const run = ++checks;
  const text = textarea.value.trim();
  list.replaceChildren();
  preview.replaceChildren();
  if (text === '') {
    status.textContent = 'No configuration: the widget uses its defaults.';
    return [];
  }
  const widget = document.createElement('greenfit-widget');
  widget.setAttribute('storage-key', 'wp-settings-preview');
  const json = document.createElement('script');
  json.type = 'application/json';
  json.textContent = text;
  widget.append(json);
  status.textContent = 'Checking…';
  preview.append(widget);
  await customElements.whenDefined('greenfit-widget');
  await widget.ready;
  const problems = widget.configProblems();
  // A newer check owns the page and its verdict; this one's caller (a submit) gives way to it.
  if (run !== checks) return null;
  list.replaceChildren(...problems.map((problem) => {
    const item = document.createElement('li');
    item.textContent = problem;
    return item;
  }));
  status.textContent = problems.length === 0
    ? 'No problems found.'
    : `Not saved: ${problems.length} problem(s) found. Fix them and save again.`;
  return problems;
}

upload.addEventListener('change', async () => {
  const file = upload.files[0];
  if (file) {
    textarea.value = await file.text();
    check();
  }
});

let checked = false;
form.addEventListener('submit', async (event) => {
  if (checked) return;
  event.preventDefault();
  const problems = await check();
  if (problems?.length === 0) {
    checked = true;
    // In a task of its own: the check may finish while this submit event is still being
    // dispatched, and a form ignores a new submission during its own.
    setTimeout(() => form.requestSubmit(), 0);
  }
});

if (textarea.value.trim() !== '') check();
