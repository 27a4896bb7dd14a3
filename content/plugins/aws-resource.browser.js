// The browser part of the aws-resource example plugin: a "Copy ARN" button on each of its cards. Backlot loads
// this file (as a module, as written: one self-contained file) only on pages that show the plugin's card.
for (const card of document.querySelectorAll('[data-plugin="aws-resource"][data-arn]')) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button';
  button.textContent = 'Copy ARN';
  button.dataset.action = 'copy-arn';
  button.addEventListener('click', () => {
    navigator.clipboard?.writeText(card.dataset.arn).then(() => (button.textContent = 'Copied'), () => (button.textContent = 'Could not copy'));
  });
  card.append(button);
}
