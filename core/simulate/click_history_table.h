#pragma once
// Everything a new user of the simulator saw, for a script: the lists after each of her
// clicks at every adaptation step, one row per click x step x rank. The studio's simulator
// exports it as CSV or JSON through the tidy writers; the on-screen table (lists_table) shows
// one step of the latest click for people.
#include <cstdint>

#include "core/report/table.h"
#include "core/simulate/simulator_session.h"
#include "core/util/job.h"

namespace metacf {

// Replays the session's clicks in order (as NewUserSimulation::replay: click c's step 0 is
// compared with click c-1's final list) for each side with a learner. Columns: learner,
// click (1-based), clicked_item, step, rank, item, title, score, previous_rank (at the step
// before; empty when the item is new in the list), rank_before_click (in the last list before
// the click; empty when it was not there), adapt_us, rank_us (of that step), and hit (true/false)
// when a test user is replayed. Numbers are typed cells, so no numeric cell carries text such as
// "=". An empty table (columns only) when there is no click or no learner.
Table click_history_table(const SimulatorSession& session);
// The same, reporting after each click of each side (stage "export", `fraction` of the clicks
// replayed) and throwing Cancelled when `job` is asked to stop. Pure in the session: a copy of
// it may be handed to another thread.
Table click_history_table(const SimulatorSession& session, JobControl& job);

}  // namespace metacf
