/**
 * The kinds of data Clientele imports, one spec per kind: its table, its fields with their types,
 * the header synonyms that map a real export's columns onto them, and its natural key.
 * The importer, the generator, the migrations test and the docs all read these specs.
 */

/** A field's value type, as the importer converts text into it. */
export type FieldType =
  | 'string'
  | 'integer'
  | 'number'
  | 'money'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'list'
  | 'json';

/**
 * No amount of money reaches this (a quadrillion, either sign): past it a figure is a unit or parsing mistake.
 * The importer refuses such amounts; the money sums (src/semantics/definitions.ts) count none that a database
 * from before kept.
 */
export const MONEY_LIMIT = 1e15;

/** One column of a kind's table. */
export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  /** Header spellings that mean this field, compared after `normalizeHeader`. */
  readonly synonyms?: readonly string[];
  /** A row without a value here is rejected. */
  readonly required?: boolean;
  /** Header spellings of a second column that fills this field where its own column is empty. */
  readonly fallbacks?: readonly string[];
  /** Values below zero are rejected (quantities are not: a negative quantity is a return). */
  readonly nonNegative?: boolean;
  /**
   * Personal data, and which kind of it: roles without the `pii` scope see it masked (src/security).
   * The kind picks the mask (an e-mail keeps its domain, a phone its last two digits).
   */
  readonly personal?: PersonalKind;
  /**
   * A text field holding labels such as bands (`50-75k`): a column of plain numbers found by a synonym is an
   * amount, not this field, and stays a numeric trait under its own name.
   */
  readonly labels?: boolean;
  /**
   * The value every row takes when the file has no column for this field at all (a marketplace's order
   * lines, one row per unit, carry no quantity); `ifMapped` names a field whose column must be there,
   * `unlessMapped` one whose column must not.
   */
  readonly whenAbsent?: {
    readonly value: string | number;
    readonly ifMapped?: string;
    readonly unlessMapped?: string;
    /** What the import summary says of it: a key of src/i18n/ingest.en.ts, said in the reader's language. */
    readonly note: 'import.filled.quantity' | 'import.filled.reviews';
  };
  readonly description: string;
}

/** The kinds of personal data, each with its own mask. */
export type PersonalKind = 'email' | 'phone' | 'name' | 'date' | 'handle' | 'address' | 'network' | 'text';

/** The names of the kinds `clientele import --as` accepts. */
export const KIND_NAMES = [
  'customers',
  'orders',
  'order_items',
  'products',
  'events',
  'messages',
  'feedback',
  'notes',
  'spend',
  'social',
] as const;
export type KindName = (typeof KIND_NAMES)[number];

/** Everything the importer needs to know about one kind. */
export interface KindSpec {
  readonly name: KindName;
  readonly table: string;
  readonly description: string;
  readonly fields: readonly FieldSpec[];
  /** Fields whose values, together, identify a row; empty means a content hash is the key. */
  readonly naturalKey: readonly string[];
  /** At least one of these must be present in each row (e.g. some identifier of the customer). */
  readonly requireOneOf?: readonly string[];
  /** At least one of these must have a value in each row (a review needs a text or a rating). */
  readonly requireAnyValue?: readonly string[];
}

const f = (
  name: string,
  type: FieldType,
  description: string,
  extra: Partial<FieldSpec> = {},
): FieldSpec => ({
  name,
  type,
  description,
  ...extra,
});

// Identifiers any kind may use to name its customer (identity resolution joins them later).
const CUSTOMER_ID_SYNONYMS = [
  'customerid',
  'cust_id',
  'custid',
  'customer',
  'client_id',
  'clientid',
  'customer_no',
  'customer_number',
  'account_id',
  'contact_id',
];

const customerRef = [
  f('customer_id', 'string', 'Customer id in the source system', {
    synonyms: CUSTOMER_ID_SYNONYMS,
  }),
  f('email', 'string', 'Email address', {
    personal: 'email',
    synonyms: ['e_mail', 'email_address', 'emailaddress', 'mail', 'customer_email'],
  }),
  f('phone', 'string', 'Phone number in any format', {
    personal: 'phone',
    synonyms: ['phone_number', 'phonenumber', 'mobile', 'mobile_phone', 'cell', 'telephone', 'tel', 'msisdn'],
  }),
  f('anonymous_id', 'string', 'Anonymous or device id', {
    synonyms: ['anonymousid', 'device_id', 'deviceid', 'cookie_id', 'visitor_id'],
  }),
];

const customers: KindSpec = {
  name: 'customers',
  table: 'customers',
  description:
    'Customers and prospects with contact points, demographics, firmographics, psychographics and consent',
  naturalKey: ['customer_id'],
  requireOneOf: ['customer_id', 'email', 'phone', 'anonymous_id'],
  fields: [
    f('customer_id', 'string', 'Customer id in the source system', {
      // In a customer file a bare `id` or `user_id` column is the customer's id.
      synonyms: [...CUSTOMER_ID_SYNONYMS, 'id', 'user_id', 'userid'],
    }),
    ...customerRef.slice(1),
    f('is_prospect', 'boolean', 'True for a lead or prospect who has not bought', {
      synonyms: ['prospect', 'lead', 'is_lead'],
    }),
    f('lifecycle_stage', 'string', 'lead, prospect, customer, churned …', {
      synonyms: ['stage', 'lifecycle', 'status'],
    }),
    f('first_name', 'string', 'Given name', {
      synonyms: ['firstname', 'given_name', 'forename', 'fname'],
      personal: 'name',
    }),
    f('last_name', 'string', 'Family name', {
      synonyms: ['lastname', 'surname', 'family_name', 'lname'],
      personal: 'name',
    }),
    f('full_name', 'string', 'Whole name when not split', {
      personal: 'name',
      synonyms: ['name', 'fullname', 'customer_name', 'contact_name'],
    }),
    f('birth_date', 'date', 'Date of birth (the birthday life event)', {
      personal: 'date',
      synonyms: ['birthdate', 'dob', 'date_of_birth', 'birthday'],
    }),
    f('birth_year', 'integer', 'Year of birth when no date is known', {
      synonyms: ['year_birth', 'yearofbirth', 'birthyear'],
    }),
    f('age', 'integer', 'Age in years when no birth date is known', { nonNegative: true }),
    f('gender', 'string', 'Gender as given', { synonyms: ['sex'] }),
    f('occupation', 'string', 'Occupation', { synonyms: ['profession', 'job'] }),
    f('education', 'string', 'Education level', { synonyms: ['education_level'] }),
    f('income_band', 'string', 'Income band as given', {
      synonyms: ['income', 'household_income', 'income_range'],
      labels: true,
    }),
    f('marital_status', 'string', 'Marital status', { synonyms: ['maritalstatus', 'marital'] }),
    f('children', 'integer', 'Number of children at home', {
      synonyms: ['kids', 'num_children', 'kidhome', 'dependents'],
      nonNegative: true,
    }),
    f('city', 'string', 'City', { synonyms: ['town'] }),
    f('region', 'string', 'Region, state or province', { synonyms: ['state', 'province', 'county'] }),
    f('country', 'string', 'Country name or ISO code', { synonyms: ['country_code', 'nation'] }),
    f('postal_code', 'string', 'Postal code', {
      personal: 'address',
      synonyms: ['zip', 'zipcode', 'zip_code', 'postcode', 'postalcode', 'zip_code_prefix'],
    }),
    f('company', 'string', 'Company (B2B accounts)', {
      synonyms: ['company_name', 'organization', 'organisation', 'account', 'employer'],
    }),
    f('industry', 'string', 'Industry (B2B)', { synonyms: ['sector', 'vertical'] }),
    f('employees', 'integer', 'Number of employees (B2B)', {
      synonyms: ['company_size', 'employee_count', 'num_employees'],
      nonNegative: true,
    }),
    f('annual_revenue_band', 'string', 'Annual revenue band (B2B)', {
      synonyms: ['annual_revenue', 'revenue_band', 'company_revenue'],
      labels: true,
    }),
    f('job_title', 'string', 'Job title (B2B)', { synonyms: ['title', 'position', 'role', 'jobtitle'] }),
    f('decision_maker', 'boolean', 'Decides or signs off purchases (B2B)', {
      synonyms: ['is_decision_maker', 'decisionmaker'],
    }),
    f('interests', 'list', 'Interests, separated by | or ;', { synonyms: ['hobbies', 'interest'] }),
    f('values', 'list', 'Values the customer expressed', { synonyms: ['personal_values'] }),
    f('lifestyle', 'list', 'Lifestyle tags', { synonyms: ['lifestyle_tags', 'tags'] }),
    f('anniversary_date', 'date', 'Wedding or customer anniversary', { synonyms: ['anniversary'] }),
    f('moved_date', 'date', 'When they last moved home', { synonyms: ['moved_at', 'moved', 'move_date'] }),
    f('married_date', 'date', 'When they married', { synonyms: ['married_at', 'wedding_date'] }),
    f('child_born_date', 'date', 'When a new child arrived', { synonyms: ['new_child_date', 'baby_date'] }),
    f('vacation_date', 'date', 'Start of planned vacation', {
      synonyms: ['vacation_plans', 'vacation_start', 'holiday_date'],
    }),
    f('twitter', 'string', 'Twitter/X handle', {
      synonyms: ['twitter_handle', 'x_handle', 'x'],
      personal: 'handle',
    }),
    f('facebook', 'string', 'Facebook handle or id', { synonyms: ['facebook_id', 'fb'], personal: 'handle' }),
    f('whatsapp', 'string', 'WhatsApp number', { synonyms: ['whatsapp_number'], personal: 'phone' }),
    f('instagram', 'string', 'Instagram handle', {
      synonyms: ['instagram_handle', 'ig'],
      personal: 'handle',
    }),
    f('linkedin', 'string', 'LinkedIn profile', {
      synonyms: ['linkedin_url', 'linkedin_profile'],
      personal: 'handle',
    }),
    f('consent_email', 'boolean', 'Consents to marketing email', {
      synonyms: ['email_opt_in', 'email_consent', 'accepts_marketing', 'newsletter'],
    }),
    f('consent_sms', 'boolean', 'Consents to marketing SMS', { synonyms: ['sms_opt_in', 'sms_consent'] }),
    f('consent_push', 'boolean', 'Consents to push notifications', {
      synonyms: ['push_opt_in', 'push_consent'],
    }),
    f('consent_ads', 'boolean', 'Consents to ad targeting and profiling', {
      synonyms: ['ads_consent', 'profiling_consent'],
    }),
    f('acquisition_source', 'string', 'Where the customer came from (channel)', {
      synonyms: ['source', 'acquisition_channel', 'channel', 'lead_source', 'utm_source', 'referral_source'],
    }),
    f('acquisition_campaign', 'string', 'Campaign that acquired the customer', {
      synonyms: ['campaign', 'utm_campaign'],
    }),
    f('signup_at', 'timestamp', 'When the customer or lead was created', {
      synonyms: ['created_at', 'signup_date', 'registered_at', 'dt_customer', 'join_date', 'created'],
    }),
    f('updated_at', 'timestamp', 'When the source last changed this record', {
      synonyms: ['modified_at', 'last_modified', 'updated'],
    }),
  ],
};

const orders: KindSpec = {
  name: 'orders',
  table: 'orders',
  description: 'Orders (one row per order), with returns as negative quantities or a returned status',
  naturalKey: ['order_id'],
  // No identifier required: guest orders still count for revenue and baskets, even if no profile gets them.

  fields: [
    f('order_id', 'string', 'Order or invoice id', {
      synonyms: [
        'orderid',
        'invoice',
        'invoiceno',
        'invoice_no',
        'invoice_id',
        'order_number',
        'order_no',
        'transaction_id',
        'txn_id',
      ],
    }),
    ...customerRef,
    f('order_ts', 'timestamp', 'When the order was placed', {
      required: true,
      synonyms: [
        'order_date',
        'invoicedate',
        'invoice_date',
        'date',
        'order_time',
        'purchase_date',
        'purchase_timestamp',
        'purchased_at',
        'created_at',
        'timestamp',
        'transaction_date',
      ],
    }),
    f('revenue', 'money', 'Order total', {
      synonyms: ['amount', 'total', 'order_total', 'value', 'sales', 'order_value', 'total_amount', 'price'],
    }),
    f('quantity', 'integer', 'Number of items (negative for a return)', {
      synonyms: ['qty', 'items', 'units', 'num_items', 'quantity_ordered'],
    }),
    f('currency', 'string', 'ISO currency code', { synonyms: ['currency_code', 'curr'] }),
    f('discount', 'money', 'Discount given', {
      synonyms: ['discount_amount', 'discounts'],
      nonNegative: true,
    }),
    f('shipping_cost', 'money', 'Shipping charged', { synonyms: ['shipping', 'freight'], nonNegative: true }),
    f('tax', 'money', 'Tax', { synonyms: ['vat', 'sales_tax'] }),
    f('cost', 'money', 'Cost of goods, for margin', { synonyms: ['cogs', 'cost_of_goods'] }),
    f('channel', 'string', 'web, app, store, phone, marketplace …', {
      synonyms: ['sales_channel', 'order_channel'],
    }),
    f('store', 'string', 'Store or site', { synonyms: ['store_id', 'shop'] }),
    f('status', 'string', 'completed, cancelled, returned …', { synonyms: ['order_status'] }),
    f('payment_method', 'string', 'Payment method', { synonyms: ['payment', 'payment_type'] }),
    f('card_hash', 'string', 'Hash of the payment card (fraud checks)', {
      synonyms: ['card_fingerprint', 'card_id'],
    }),
    f('coupon_code', 'string', 'Coupon used', { synonyms: ['coupon', 'promo_code', 'voucher'] }),
    f('campaign', 'string', 'Campaign credited with the order', { synonyms: ['utm_campaign'] }),
    f('ship_city', 'string', 'Shipping city', { synonyms: ['city', 'shipping_city'] }),
    f('ship_region', 'string', 'Shipping region or state', {
      synonyms: ['region', 'state', 'shipping_region', 'shipping_state'],
    }),
    f('ship_country', 'string', 'Shipping country', { synonyms: ['country', 'shipping_country'] }),
    f('ship_postal_code', 'string', 'Shipping postal code', {
      synonyms: ['postal_code', 'zip', 'shipping_zip'],
    }),
    f('promised_at', 'timestamp', 'Promised delivery date', {
      synonyms: ['promised_delivery', 'promised_date', 'expected_delivery', 'estimated_delivery_date'],
    }),
    f('delivered_at', 'timestamp', 'Actual delivery date', {
      synonyms: ['delivery_date', 'delivered', 'delivered_date', 'delivered_customer_date'],
    }),
  ],
};

const orderItems: KindSpec = {
  name: 'order_items',
  table: 'order_items',
  description: 'Order lines; a negative quantity is a returned line',
  naturalKey: [],
  fields: [
    f('order_id', 'string', 'Order or invoice id', {
      required: true,
      synonyms: [
        'orderid',
        'invoice',
        'invoiceno',
        'invoice_no',
        'invoice_id',
        'order_number',
        'order_no',
        'transaction_id',
      ],
    }),
    f('line_no', 'integer', 'Line number within the order', {
      synonyms: ['line', 'line_number', 'item_no', 'position', 'order_item_id'],
    }),
    f('product_id', 'string', 'Product id or SKU', {
      required: true,
      synonyms: ['productid', 'sku', 'stockcode', 'stock_code', 'item_id', 'itemid', 'product_code'],
    }),
    f('product_name', 'string', 'Product name', {
      synonyms: ['description', 'item_name', 'product', 'item', 'name'],
    }),
    f('category', 'string', 'Product category', { synonyms: ['product_category', 'category_name'] }),
    f('quantity', 'integer', 'Units (negative for a return); 1 when the file has no quantity column', {
      required: true,
      synonyms: ['qty', 'units', 'quantity_ordered'],
      // Marketplace exports (Olist's order_items) write one line per unit and no quantity at all.
      whenAbsent: { value: 1, note: 'import.filled.quantity' },
    }),
    f('unit_price', 'money', 'Price of one unit', {
      synonyms: ['unitprice', 'price', 'price_each', 'item_price'],
    }),
    f('line_total', 'money', 'Line amount', {
      synonyms: ['amount', 'total', 'line_amount', 'revenue', 'sales'],
    }),
    f('discount', 'money', 'Discount on the line, subtracted from quantity × unit price', {
      synonyms: ['line_discount', 'discount_amount'],
      nonNegative: true,
    }),
    f('cost', 'money', 'Cost of the line', { synonyms: ['unit_cost', 'cogs'] }),
    f('shipping_cost', 'money', 'Shipping charged for the line, kept apart from its price', {
      synonyms: ['freight_value', 'freight', 'shipping', 'shipping_value'],
      nonNegative: true,
    }),
    // Line-item exports such as Online Retail carry the customer and date on every line.
    ...customerRef,
    f('order_ts', 'timestamp', 'When the order was placed', {
      synonyms: ['order_date', 'invoicedate', 'invoice_date', 'date'],
    }),
    f('country', 'string', 'Country of the order', { synonyms: ['ship_country'] }),
  ],
};

const products: KindSpec = {
  name: 'products',
  table: 'products',
  description: 'Products with categories, prices and costs',
  naturalKey: ['product_id'],
  fields: [
    f('product_id', 'string', 'Product id or SKU', {
      required: true,
      synonyms: ['productid', 'sku', 'stockcode', 'stock_code', 'item_id', 'id', 'product_code'],
    }),
    f('name', 'string', 'Product name', { synonyms: ['product_name', 'title', 'description'] }),
    f('category', 'string', 'Category', { synonyms: ['product_category', 'category_name', 'department'] }),
    f('subcategory', 'string', 'Subcategory', { synonyms: ['sub_category', 'product_type', 'type'] }),
    f('brand', 'string', 'Brand', { synonyms: ['manufacturer', 'vendor'] }),
    f('price', 'money', 'List price', {
      synonyms: ['list_price', 'unit_price', 'retail_price'],
      nonNegative: true,
    }),
    f('cost', 'money', 'Unit cost', { synonyms: ['unit_cost', 'cogs'], nonNegative: true }),
    f('launched_at', 'date', 'Launch date', { synonyms: ['launch_date', 'released_at', 'release_date'] }),
  ],
};

const events: KindSpec = {
  name: 'events',
  table: 'events',
  description: 'Behavioural events in the Segment spec shape (track, identify, page, screen, group, alias)',
  naturalKey: ['message_id'],
  requireOneOf: ['user_id', 'anonymous_id', 'email', 'phone'],
  fields: [
    f('message_id', 'string', 'Unique id of the event (Segment messageId)', {
      synonyms: ['messageid', 'event_id', 'eventid', 'id'],
    }),
    f('type', 'string', 'track, identify, page, screen, group or alias', {
      synonyms: ['event_type', 'call_type'],
    }),
    f('event', 'string', 'Event name for track calls (or page/screen name)', {
      fallbacks: ['name'],
      synonyms: ['event_name', 'name', 'action'],
    }),
    f('user_id', 'string', 'Known user id (Segment userId)', {
      synonyms: ['userid', 'customer_id', 'customerid'],
    }),
    f('anonymous_id', 'string', 'Anonymous or device id (Segment anonymousId)', {
      synonyms: ['anonymousid', 'device_id', 'deviceid', 'cookie_id', 'visitor_id'],
    }),
    f('email', 'string', 'Email address if the event carries one', {
      synonyms: ['e_mail', 'email_address'],
      personal: 'email',
    }),
    f('phone', 'string', 'Phone number if the event carries one', {
      synonyms: ['phone_number', 'mobile'],
      personal: 'phone',
    }),
    f('group_id', 'string', 'Account or group id (group calls)', { synonyms: ['groupid', 'account_id'] }),
    f('previous_id', 'string', 'Previous id (alias calls)', { synonyms: ['previousid'] }),
    f('ts', 'timestamp', 'When the event happened (Segment timestamp)', {
      required: true,
      fallbacks: ['original_timestamp', 'received_at'],
      synonyms: [
        'timestamp',
        'time',
        'event_time',
        'occurred_at',
        'created_at',
        'date',
        'sent_at',
        'original_timestamp',
      ],
    }),
    f('properties', 'json', 'Event properties', { synonyms: ['props'] }),
    f('traits', 'json', 'Traits (identify and group calls)', {}),
    f('context', 'json', 'Context: device, OS, browser, locale, IP, geo, campaign', {}),
    f('channel', 'string', 'web, app, server, email …', { synonyms: ['platform', 'source'] }),
    f('device_type', 'string', 'mobile, tablet, desktop', {
      synonyms: ['context_device_type', 'device', 'devicetype'],
    }),
    f('os', 'string', 'Operating system', { synonyms: ['context_os_name', 'os_name', 'operating_system'] }),
    f('browser', 'string', 'Browser', {
      synonyms: ['context_user_agent', 'browser_name', 'user_agent', 'useragent'],
    }),
    f('locale', 'string', 'Locale such as en-US', { synonyms: ['context_locale', 'language', 'lang'] }),
    f('ip', 'string', 'IP address', { synonyms: ['context_ip', 'ip_address'], personal: 'network' }),
    f('country', 'string', 'Country from geo-IP or context', {
      synonyms: ['context_location_country', 'geo_country'],
    }),
    f('city', 'string', 'City from geo-IP or context', { synonyms: ['context_location_city', 'geo_city'] }),
    f('page_url', 'string', 'URL of the page', {
      synonyms: ['context_page_url', 'url', 'page', 'path', 'page_path'],
    }),
    f('referrer', 'string', 'Referring URL', {
      synonyms: ['context_page_referrer', 'referer', 'referrer_url'],
    }),
    f('utm_source', 'string', 'Campaign source', {
      synonyms: ['context_campaign_source', 'campaign_source'],
    }),
    f('utm_medium', 'string', 'Campaign medium', {
      synonyms: ['context_campaign_medium', 'campaign_medium'],
    }),
    f('utm_campaign', 'string', 'Campaign name', {
      synonyms: ['context_campaign_name', 'campaign', 'campaign_name'],
    }),
  ],
};

const messages: KindSpec = {
  name: 'messages',
  table: 'messages',
  description: 'Email, SMS and push analytics per recipient',
  naturalKey: ['message_id'],
  requireOneOf: ['customer_id', 'email', 'phone', 'anonymous_id'],
  fields: [
    f('message_id', 'string', 'Id of this send to this recipient', {
      synonyms: ['send_id', 'messageid', 'delivery_id'],
    }),
    ...customerRef,
    f('channel', 'string', 'email, sms or push', { synonyms: ['medium', 'message_channel'] }),
    f('campaign', 'string', 'Campaign name', { synonyms: ['campaign_name', 'campaign_id'] }),
    f('category', 'string', 'Message category: promotion, newsletter, transactional, winback …', {
      synonyms: ['message_category', 'message_type', 'type'],
    }),
    f('subject', 'string', 'Subject line or message title', { synonyms: ['title', 'subject_line'] }),
    f('sent_at', 'timestamp', 'When it was sent', {
      required: true,
      synonyms: ['sent', 'send_time', 'sent_date', 'date', 'timestamp'],
    }),
    f('delivered_at', 'timestamp', 'When it was delivered', { synonyms: ['delivered'] }),
    f('opened_at', 'timestamp', 'First open', { synonyms: ['opened', 'open_time', 'first_open'] }),
    f('clicked_at', 'timestamp', 'First click', { synonyms: ['clicked', 'click_time', 'first_click'] }),
    f('bounced', 'boolean', 'Bounced', { synonyms: ['bounce', 'is_bounced'] }),
    f('unsubscribed_at', 'timestamp', 'When the recipient unsubscribed through it', {
      synonyms: ['unsubscribed', 'unsubscribe_time'],
    }),
    f('complained', 'boolean', 'Marked as spam', { synonyms: ['spam', 'spam_complaint', 'complaint'] }),
  ],
};

const feedback: KindSpec = {
  name: 'feedback',
  table: 'feedback',
  description: 'Reviews, survey answers, support tickets and social posts',
  // Marketplaces copy one review to each order of a purchase made together (Olist repeats ~1 % of
  // review_ids, each with another order_id): the order is part of the key where the file has one.
  naturalKey: ['feedback_id', 'order_id'],
  // A star rating without a comment is a review too: most of a marketplace's reviews are rating-only.
  requireAnyValue: ['text', 'rating'],
  fields: [
    f('feedback_id', 'string', 'Id of the review, answer, ticket or post', {
      synonyms: ['review_id', 'ticket_id', 'response_id', 'post_id', 'id'],
    }),
    ...customerRef,
    f('order_id', 'string', "Order it is about; reaches the order's customer when it names no one itself", {
      synonyms: ['orderid', 'order_number', 'order_no'],
    }),
    f('kind', 'string', 'review, survey, ticket or social', {
      synonyms: ['type', 'feedback_type', 'source_type'],
      whenAbsent: {
        value: 'review',
        ifMapped: 'rating',
        // Scores beside a survey question are survey answers, not reviews.
        unlessMapped: 'question',
        note: 'import.filled.reviews',
      },
    }),
    f('channel', 'string', 'Where it was given: web, app, email, phone, twitter …', {
      synonyms: ['source', 'platform'],
    }),
    f('product_id', 'string', 'Product it is about', { synonyms: ['sku', 'productid', 'product'] }),
    f('rating', 'number', 'Rating or score', {
      synonyms: ['stars', 'score', 'nps', 'csat', 'review_score', 'star_rating'],
    }),
    f('question', 'string', 'Survey question', { synonyms: ['survey_question'] }),
    f('subject', 'string', 'Title or ticket subject', {
      synonyms: ['title', 'topic', 'review_comment_title', 'comment_title', 'review_title'],
    }),
    f('text', 'string', 'What the customer wrote (may be empty when there is a rating)', {
      personal: 'text',
      synonyms: [
        'body',
        'comment',
        'review',
        'review_text',
        'message',
        'answer',
        'content',
        'feedback',
        'review_comment_message',
        'comment_message',
        'review_body',
      ],
    }),
    f('status', 'string', 'Ticket status', { synonyms: ['ticket_status'] }),
    f('created_at', 'timestamp', 'When it was given', {
      required: true,
      synonyms: [
        'date',
        'timestamp',
        'submitted_at',
        'created',
        'review_date',
        'review_creation_date',
        'creation_date',
      ],
    }),
  ],
};

const notes: KindSpec = {
  name: 'notes',
  table: 'sales_notes',
  description: 'Sales-cycle interactions with leads and accounts',
  naturalKey: ['note_id'],
  fields: [
    f('note_id', 'string', 'Id of the interaction', { synonyms: ['interaction_id', 'activity_id', 'id'] }),
    ...customerRef,
    f('company', 'string', 'Account the note is about', {
      synonyms: ['account', 'company_name', 'organization'],
    }),
    f('rep', 'string', 'Sales representative', { synonyms: ['owner', 'sales_rep', 'salesperson', 'agent'] }),
    f('created_at', 'timestamp', 'When the interaction happened', {
      required: true,
      synonyms: ['date', 'timestamp', 'activity_date', 'created'],
    }),
    f('stage', 'string', 'Sales stage: awareness, interest, consideration, evaluation, negotiation, closed', {
      synonyms: ['deal_stage', 'pipeline_stage'],
    }),
    f('heard_from', 'string', 'How the prospect heard of us', {
      synonyms: ['lead_source', 'source', 'referral', 'heard_about_us'],
    }),
    f('interested_in', 'string', 'What interested them', {
      synonyms: ['interest', 'interests', 'product_interest'],
    }),
    f('questions', 'string', 'Questions they asked', { synonyms: ['question'] }),
    f('objections', 'string', 'Objections they raised', { synonyms: ['objection', 'concerns'] }),
    f('outcome', 'string', 'won, lost, open, follow-up', { synonyms: ['result', 'deal_outcome'] }),
    f('deal_value', 'money', 'Value of the deal', { synonyms: ['amount', 'value', 'deal_amount'] }),
    f('text', 'string', 'Free text of the note', {
      personal: 'text',
      synonyms: ['note', 'notes', 'body', 'comment', 'description'],
    }),
  ],
};

const spend: KindSpec = {
  name: 'spend',
  table: 'marketing_spend',
  description: 'Marketing spend by date, channel and campaign',
  naturalKey: ['date', 'channel', 'campaign'],
  fields: [
    f('date', 'date', 'Day of the spend', { required: true, synonyms: ['day', 'spend_date', 'period'] }),
    f('channel', 'string', 'Marketing channel', {
      required: true,
      synonyms: ['source', 'medium', 'network', 'platform'],
    }),
    f('campaign', 'string', 'Campaign', { synonyms: ['campaign_name', 'utm_campaign'] }),
    f('amount', 'money', 'Amount spent', {
      required: true,
      synonyms: ['spend', 'cost', 'spent', 'budget_spent'],
      nonNegative: true,
    }),
    f('currency', 'string', 'ISO currency code', { synonyms: ['currency_code'] }),
    f('impressions', 'integer', 'Impressions', { synonyms: ['views'], nonNegative: true }),
    f('clicks', 'integer', 'Clicks', { synonyms: [], nonNegative: true }),
  ],
};

const social: KindSpec = {
  name: 'social',
  table: 'social',
  description: 'Social posts, comments, mentions, likes, shares and follows (issue 15)',
  // A like or follow often has no id of its own: then the content hash is the key.
  naturalKey: ['platform', 'post_id'],
  requireOneOf: ['handle', 'customer_id', 'email', 'phone', 'anonymous_id'],
  fields: [
    f('post_id', 'string', 'Id of the post, comment or reaction on its platform', {
      synonyms: ['id', 'tweet_id', 'comment_id', 'activity_id', 'postid'],
    }),
    f('platform', 'string', 'twitter/x, facebook, instagram, linkedin, whatsapp, tiktok …', {
      synonyms: ['network', 'source', 'channel', 'site'],
    }),
    f('handle', 'string', "The author's handle on the platform; joins profiles through identity", {
      personal: 'handle',
      synonyms: ['username', 'user_name', 'screen_name', 'author', 'user', 'account_handle'],
    }),
    ...customerRef,
    f('kind', 'string', 'post, comment, mention, like, share or follow', {
      synonyms: ['type', 'action', 'activity', 'event_type'],
    }),
    f('text', 'string', 'What was written (empty for a like or follow)', {
      personal: 'text',
      synonyms: ['body', 'message', 'content', 'post', 'comment', 'tweet', 'caption'],
    }),
    f('target', 'string', 'What was liked, shared or replied to: a post, product or page', {
      synonyms: ['object', 'liked', 'item', 'page', 'in_reply_to'],
    }),
    f('url', 'string', 'Link to the post', { synonyms: ['link', 'permalink', 'post_url'] }),
    f('posted_at', 'timestamp', 'When it was posted or done', {
      required: true,
      synonyms: ['created_at', 'date', 'timestamp', 'time', 'published_at', 'created'],
    }),
  ],
};

/** Every kind by name. */
export const KINDS: Readonly<Record<KindName, KindSpec>> = {
  customers,
  orders,
  order_items: orderItems,
  products,
  events,
  messages,
  feedback,
  notes,
  spend,
  social,
};

/** True when `name` is a kind `--as` accepts. */
export function isKindName(name: string): name is KindName {
  return (KIND_NAMES as readonly string[]).includes(name);
}

/** Header text reduced to the form synonyms are written in: lower case, words joined by `_`. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
