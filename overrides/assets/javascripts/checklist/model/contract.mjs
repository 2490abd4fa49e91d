/**
 * The names Python, the page's script and the tests share, written once in ../contract.json
 * (macros/content/contract.py reads the same file): the storage keys, the share link's fragment, the
 * component elements' attributes and the risk flag's geometry. esbuild inlines the JSON.
 */

import contract from "../contract.json" with { type: "json" };

export var KEY = contract.storage.key;
export var UNREADABLE_KEY = contract.storage.unreadable;
export var BACKUP_KEY = contract.storage.backup;
export var SHARE_FRAGMENT = contract.shareFragment;
export var ELEMENTS = contract.elements;
export var FLAG = contract.flag;
