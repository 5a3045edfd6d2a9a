package com.runcascade.tracing.web;

/**
 * What the session filters need from {@code cascade.session.*}, as plain values, so the filters
 * never see the bound properties.
 * @param header the request and response header carrying the session id
 * @param endHeader the request header that ends the session when {@code true}
 * @param propagation whether a session id in incoming W3C baggage is honoured
 * @param generateWhenMissing whether a request without a session gets a new id
 */
record SessionSettings(String header, String endHeader, boolean propagation, boolean generateWhenMissing) {
}
