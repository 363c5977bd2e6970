// The commune picker of every page: the typed name (or the start of it) → that commune's
// fiche. Without JavaScript the form simply opens the list of communes.
const normaliser = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-choix-commune]')) {
  form.addEventListener('submit', (ev) => {
    const champ = form.querySelector<HTMLInputElement>('input[list]');
    const liste = champ?.list;
    if (!champ || !liste) return;
    const cherche = normaliser(champ.value);
    if (!cherche) return;
    const options = [...liste.querySelectorAll<HTMLOptionElement>('option')].map((o) => ({ nom: normaliser(o.value), code: o.dataset.code ?? '' }));
    const exacte = options.find((o) => o.nom === cherche);
    const debut = options.filter((o) => o.nom.startsWith(cherche));
    const trouvee = exacte ?? (debut.length === 1 ? debut[0] : undefined);
    if (trouvee?.code) {
      ev.preventDefault();
      window.location.assign(`${form.dataset.base ?? ''}/communes/${trouvee.code}/`);
    }
  });
}
