package dev.observability.autoconfigure.business;

/**
 * Meter names, tag keys and fixed tag values of the business meters concern.
 */
public final class BusinessMeterNames {

	/** Counter of recordings whose tag value was replaced by OTHER because the tag reached its cap. */
	public static final String TAG_OVERFLOW = "observability.business.tag.overflow";

	/** Tag of the overflow counter naming the business meter. */
	public static final String METER_TAG = "meter";

	/** Tag of the overflow counter naming the tag key that overflowed. */
	public static final String TAG_TAG = "tag";

	/** Tag that {@code @BusinessEvent} adds to its counter. */
	public static final String OUTCOME = "outcome";

	/** Outcome of a call that returned. */
	public static final String SUCCESS = "success";

	/** Outcome of a call that threw. */
	public static final String FAILURE = "failure";

	/** Value recorded for a declared tag that was not given, or given as null. */
	public static final String NONE = "none";

	/** Value recorded for a {@code @BusinessEvent} tag whose expression could not be evaluated. */
	public static final String UNKNOWN = "unknown";

	private BusinessMeterNames() {
	}

}
