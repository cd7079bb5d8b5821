// Tribekeeper does not ship sharp (native libvips binaries, LGPL, ~10 MB per platform): Baileys imports
// it only to make thumbnails of images it sends, and falls back when the import fails — as here.
throw new Error('sharp is not part of Tribekeeper: image thumbnails are not generated');
