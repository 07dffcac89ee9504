/// Gets a ChatSessionEntity object.
///
/// Calls the `IChatAgent` service.
///
/// See \[the guide\](<https://docs.superoffice.com/en/chat>). It's `x`.
///
/// `GET /api/v1/ChatSession/{chatSessionId}`
///
/// Response: ChatSessionEntity found.
///
/// Documentation: <https://docs.superoffice.com/en/api/reference/restful/rest/ChatSession/v1ChatSessionEntity_GetChatSessionEntity.html> (generated from `rest/ChatSession/v1ChatSessionEntity_GetChatSessionEntity.md`).
pub struct GetChatSessionEntity {
    chat_session_id: i32,
    select: ::core::option::Option<::std::vec::Vec<::std::string::String>>,
    include_deleted: ::core::option::Option<bool>,
    since: ::core::option::Option<crate::runtime::DateTime>,
    r#type: ::core::option::Option<::std::string::String>,
    header_2: ::core::option::Option<::std::string::String>,
    options: crate::runtime::RequestOptions,
}

/// Metadata of [`GetChatSessionEntity`]: `GET /api/v1/ChatSession/{chatSessionId}`.
pub static META_GET_CHAT_SESSION_ENTITY: crate::runtime::EndpointMeta = crate::runtime::EndpointMeta {
    id: "v1ChatSessionEntity_GetChatSessionEntity",
    method: crate::runtime::Method::Get,
    path_template: "/api/v1/ChatSession/{chatSessionId}",
    docs_url: "https://docs.superoffice.com/en/api/reference/restful/rest/ChatSession/v1ChatSessionEntity_GetChatSessionEntity.html",
    summary: "Gets a ChatSessionEntity object.",
};

impl GetChatSessionEntity {
    /// Starts the request.
    ///
    /// - `chat_session_id` (path parameter `chatSessionId`): The id of the session.
    pub fn new(chat_session_id: i32) -> Self {
        Self {
            chat_session_id,
            select: ::core::option::Option::None,
            include_deleted: ::core::option::Option::None,
            since: ::core::option::Option::None,
            r#type: ::core::option::Option::None,
            header_2: ::core::option::Option::None,
            options: ::core::default::Default::default(),
        }
    }

    /// Sets the `$select` query parameter: Fields to return, e.g. `Name,Id`.
    pub fn select(
        mut self,
        value: impl ::core::iter::IntoIterator<
            Item = impl ::core::convert::Into<::std::string::String>,
        >,
    ) -> Self {
        self.select = ::core::option::Option::Some(
            ::core::iter::Iterator::collect(
                ::core::iter::Iterator::map(
                    ::core::iter::IntoIterator::into_iter(value),
                    ::core::convert::Into::into,
                ),
            ),
        );
        self
    }

    /// Sets the `includeDeleted` query parameter.
    pub fn include_deleted(mut self, value: bool) -> Self {
        self.include_deleted = ::core::option::Option::Some(value);
        self
    }

    /// Sets the `since` query parameter: Changed since.
    pub fn since(
        mut self,
        value: impl ::core::convert::Into<crate::runtime::DateTime>,
    ) -> Self {
        self.since = ::core::option::Option::Some(::core::convert::Into::into(value));
        self
    }

    /// Sets the `type` query parameter: Kind of session.
    ///
    /// Documented values: `Chat`, `Sms`. Others may occur.
    pub fn r#type(mut self, value: &str) -> Self {
        self.r#type = ::core::option::Option::Some(value.to_owned());
        self
    }

    /// Sets the `header` query parameter: Collides with a builder method.
    pub fn header_2(mut self, value: &str) -> Self {
        self.header_2 = ::core::option::Option::Some(value.to_owned());
        self
    }
}

impl crate::runtime::ApiRequest for GetChatSessionEntity {
    type Response = crate::models::ChatSessionEntity;
    const META: &'static crate::runtime::EndpointMeta = &META_GET_CHAT_SESSION_ENTITY;
    fn request_options(&mut self) -> &mut crate::runtime::RequestOptions {
        &mut self.options
    }

    fn into_parts(
        self,
    ) -> ::core::result::Result<
        crate::runtime::RequestParts,
        crate::runtime::BuildError,
    > {
        let mut parts = crate::runtime::RequestParts::for_endpoint(
            Self::META,
            &[&self.chat_session_id],
            self.options,
        );
        parts.query.push_some("$select", &self.select);
        parts.query.push_some("includeDeleted", &self.include_deleted);
        parts.query.push_some("since", &self.since);
        parts.query.push_some("type", &self.r#type);
        parts.query.push_some("header", &self.header_2);
        ::core::result::Result::Ok(parts)
    }

    fn decode(
        response: crate::runtime::RawResponse,
    ) -> ::core::result::Result<Self::Response, crate::runtime::ApiError> {
        crate::runtime::decode_json(response)
    }
}
