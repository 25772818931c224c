// The batch screen: the batch's summary, the failure line, the alert line, then its items.
import {AlertLine} from './AlertLine.js';
import {FailureLine} from './FailureLine.js';
import {ItemTable} from './ItemTable.js';
import type {Size} from './layout.js';
import {SummaryBar} from './SummaryBar.js';

export function ListScreen({size}: {size: Size}) {
	return (
		<>
			<SummaryBar columns={size.columns} />
			<FailureLine columns={size.columns} />
			<AlertLine />
			<ItemTable size={size} />
		</>
	);
}
