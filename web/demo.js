// The demo page's own behaviour: load a user rule pack, log widget events, print one widget.
// No inline script: the page runs under a strict Content-Security-Policy.
import { getCertcalc, loadPack } from './certcalc-widgets.js';

const packFile = document.getElementById('pack-file');
const packStatus = document.getElementById('pack-status');
packFile?.addEventListener('change', async () => {
  const file = packFile.files?.[0];
  if (!file) return;
  const answer = await loadPack(await file.text(), file.name);
  // textContent only: a pack's texts are data, never markup.
  packStatus.textContent = answer.loaded
    ? `Loaded ${answer.loaded.id} (${answer.loaded.title}).`
    : `Not loaded: ${answer.error?.message ?? 'unknown error'}`;
  packFile.value = '';
});

const log = document.getElementById('event-log');
const record = (e) => {
  if (!log) return;
  const li = document.createElement('li');
  const d = e.detail || {};
  const what = d.answer?.error ? `error ${d.answer.error.code}` : d.op || Object.keys(d).join(', ');
  li.textContent = `${e.type} from <${e.target.localName}>: ${what}`;
  log.prepend(li);
  while (log.children.length > 20) log.lastElementChild.remove();
};
document.addEventListener('certcalc-change', record);
document.addEventListener('certcalc-result', record);

getCertcalc()
  .then((cc) => {
    const v = document.getElementById('core-version');
    if (v) v.textContent = `core ${cc.version()}`;
  })
  .catch(() => {});
