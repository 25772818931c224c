// The job screen: the whole job's summary (the same lines as a batch's, over every batch), the
// alert line, then one row per batch.
import {AlertLine} from './AlertLine.js';
import {JobTable} from './JobTable.js';
import {jobTableRows} from './job-selectors.js';
import type {Size} from './layout.js';
import {hasAlert, selectCountLines} from './selectors.js';
import {SummaryBar} from './SummaryBar.js';
import {useAppStore} from './use-app-store.js';

export function JobScreen({size}: {size: Size}) {
	const visible = useAppStore((state) => jobTableRows(size, selectCountLines(state, size.columns), hasAlert(state)));
	return (
		<>
			<SummaryBar columns={size.columns} />
			<AlertLine />
			<JobTable size={size} visible={visible} />
		</>
	);
}
