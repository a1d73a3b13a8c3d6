// Formats the server checks as well, so that the forms can say so before sending.

/** Mainland mobile (11 digits from 13…) or a landline with area code, extension allowed — the server's Domain/PhoneNumber.cs. */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/

/** An employee number as Personnel records it and an account may carry: letters, digits, hyphen, underscore; at most 32. */
export const EMPLOYEE_NUMBER_PATTERN = /^[A-Za-z0-9_-]{1,32}$/
