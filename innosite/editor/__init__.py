"""The browser editor (Sveltia CMS, vendored) at admin/: its configuration made from the content model, its page,
and the preview's local back-end, a file API over content/ that shows layout-A folders to the editor as layout B."""
