/**
 * Local storage: the data folder ({@link io.hullscope.store.AppPaths}), the SQLite database with
 * its schema migrations ({@link io.hullscope.store.Database}) and the caches kept in it, starting
 * with the layer index cache ({@link io.hullscope.store.SqliteLayerIndexCache}).
 */
package io.hullscope.store;
