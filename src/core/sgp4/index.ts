/** Column-wise SGP4: initialise a batch of satellites once, then propagate all of them per time. */
export {
  initSgp4Batch,
  sgp4BatchBytes,
  SGP4_BATCH_COLUMNS,
  SGP4_FLAG_DEEP,
  SGP4_FLAG_INVALID,
  SGP4_FLAG_NO_DRAG,
  SGP4_FLAG_SIMPLE,
  type Sgp4Batch,
  type Sgp4BatchColumn,
  type Sgp4BatchScratch,
  SGP4_BATCH_STRIDE,
} from './batch';
export {
  propagateBatch,
  SGP4_OK,
  SGP4_ERR_ECCENTRICITY,
  SGP4_ERR_MEAN_MOTION,
  SGP4_ERR_PERTURBED_ECCENTRICITY,
  SGP4_ERR_SEMI_LATUS_RECTUM,
  SGP4_ERR_DECAYED,
} from './propagate';
