// The drag type of a source item dropped into the text as a citation (SourcesPanel sets it, the
// editor's citation-status plugin accepts it). Its own module so the editor does not load the
// Sources panel to know it.
export const CITATION_DRAG_TYPE = "application/x-charter-citation";
