// The items of the page on screen: the one Table (Table.tsx), its columns in item-columns.ts,
// dimmed while the batch's reads fail.
import type {Size} from './layout.js';
import {selectStale, selectTable} from './selectors.js';
import {Table} from './Table.js';
import {useAppStore} from './use-app-store.js';

export function ItemTable({size}: {size: Size}) {
	const view = useAppStore((state) => selectTable(state, size));
	const stale = useAppStore(selectStale);
	return <Table view={view} stale={stale} />;
}
