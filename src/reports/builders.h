// The reports' build functions, one file each, listed by all_reports() in report.cpp. Private
// to the reports layer: everyone else runs a report by name.
#pragma once

#include "crm/reports/report.h"

namespace crm {

Report pipeline_report(const RecordStore& store, const ReportOptions& options);
Report forecast_report(const RecordStore& store, const ReportOptions& options);
Report sales_report(const RecordStore& store, const ReportOptions& options);
Report win_rate_report(const RecordStore& store, const ReportOptions& options);
Report funnel_report(const RecordStore& store, const ReportOptions& options);
Report quotes_report(const RecordStore& store, const ReportOptions& options);
Report receivables_report(const RecordStore& store, const ReportOptions& options);
Report service_report(const RecordStore& store, const ReportOptions& options);
Report activity_report(const RecordStore& store, const ReportOptions& options);
Report campaigns_report(const RecordStore& store, const ReportOptions& options);

}  // namespace crm
