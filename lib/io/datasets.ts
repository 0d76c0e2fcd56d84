/**
 * The three real EV session data sets the toolkit knows, by name: where each file lives in the shared data folder
 * and which reader it needs.
 */
import { SHARED_FILES } from "./paths";
import type { SessionFormat } from "./raw-session";

/** Names of the real EV session data sets. */
export type EvDatasetName = "residential" | "acn" | "workplace";

/** Every {@link EvDatasetName}, in the order the notebooks show them. */
export const EV_DATASETS: readonly EvDatasetName[] = ["residential", "acn", "workplace"];

/** File (relative to the shared data folder), format and a one-line description of each data set. */
export const EV_DATASET_FILES: Record<EvDatasetName, { file: string; format: SessionFormat; description: string }> = {
  residential: {
    file: SHARED_FILES.evResidential,
    format: "residential",
    description: "Norwegian apartment-building garages, 2018-12 to 2020-01 (Sørensen et al. 2021)",
  },
  acn: {
    file: SHARED_FILES.evAcn,
    format: "acn",
    description: "Caltech ACN-Data campus garage, 2020-12 to 2021-09 (Lee, Li & Low 2019)",
  },
  workplace: {
    file: SHARED_FILES.evWorkplace,
    format: "workplace",
    description: "US employer workplace stations, 2014-11 to 2015-10 (Asensio et al. 2021)",
  },
};
