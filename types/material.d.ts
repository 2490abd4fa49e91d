// What the checklist uses of Material for MkDocs' page script: the document$ observable that
// emits after every instant navigation (and completes without a page from file://).
declare const document$: {
  subscribe(observer: { next?: () => void; complete?: () => void } | (() => void)): unknown;
};
