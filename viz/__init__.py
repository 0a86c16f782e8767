"""Charts of event timelines. Nothing here yet: the charts come later."""
