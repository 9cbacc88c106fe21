/** Signing, witnessing and publishing the log's checkpoints (issue 3, item 4 and 5). */
export { signCheckpoint, onDemandCheckpoint, missionNoteSigner, type SignedCheckpoint, type SigningMission } from './sign.js';
export { startCheckpointPublisher, type CheckpointPublisher, type CheckpointPublisherOptions } from './publisher.js';
export type { WitnessConfig } from './cosign.js';
export { CHECKPOINTS_FILE, checkpointsFile, type PublishedCheckpoint } from './published-file.js';
