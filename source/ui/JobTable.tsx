// The job screen's batches: the one Table (Table.tsx), its columns in job-columns.ts; every row
// dimmed once the job's reads stopped, a batch whose own reads fail dimmed and marked '!'.
import {selectJobTable} from './job-selectors.js';
import type {Size} from './layout.js';
import {selectJobHalted} from './selectors.js';
import {Table} from './Table.js';
import {useAppStore} from './use-app-store.js';

export function JobTable({size, visible}: {size: Size; visible: number}) {
	const view = useAppStore((state) => selectJobTable(state, size, visible));
	const stale = useAppStore(selectJobHalted);
	return view ? <Table view={view} stale={stale} /> : null;
}
